package index

import "sort"

// RollupUnit is a unit of a period's snapshot: its parent (0 for a top unit).
type RollupUnit struct {
	Unit   int64
	Parent int64
}

// Tasks are the tasks of a group and how many of them were completed.
type Tasks struct {
	Total, Done int64
}

// RollupInput is what the roll-up of one instrument of a period needs; the
// store loads it, Rollup decides.
type RollupInput struct {
	K     int
	Units []RollupUnit
	// Own holds the sums of each unit's own group: the released answers whose
	// unit is that unit. A unit missing from Units counts at the top.
	Own map[int64]*Sums
	// People, when not nil, holds the number of distinct people behind each
	// group's figure (the 360: one person rates several colleagues, so n
	// counts people, not submissions; RaterCounts makes it). With nil, n is
	// the number of submissions.
	People map[GroupKey]int64
	Tasks  map[int64]Tasks // per unit
}

// RollupGroup is one published group: a unit's own staff or its subtree
// (unit 0: the instansi), with its size, suppression, response rate and sums
// (nil when nobody's answers are in it). A group with sums but neither
// respondents nor tasks (360 answers imported without tasks) has sums to
// store but no row of its own: Listed is false.
type RollupGroup struct {
	Key         GroupKey
	Respondents int64
	Suppressed  bool
	Tasks       Tasks
	Sums        *Sums
}

// Listed says whether the group has a row of its own (respondents or tasks).
func (g RollupGroup) Listed() bool { return g.Respondents > 0 || g.Tasks.Total > 0 }

// Rollup rolls the own groups of one instrument up the snapshot tree (a
// parent's figure is made of all answers below it, never a mean of means)
// and applies suppression (Suppress). It returns the groups to publish,
// ordered by unit and scope: every group with sums, respondents or tasks.
func Rollup(in RollupInput) []RollupGroup {
	if len(in.Own) == 0 && len(in.Tasks) == 0 {
		return nil
	}
	parent := parents(in.Units, mapKeys(in.Own), mapKeys(in.Tasks))
	up := parent.up
	units := parent.units()

	tree := map[int64]*Sums{}
	for _, u := range units {
		g := in.Own[u]
		if g == nil {
			continue
		}
		up(u, func(a int64) {
			t := tree[a]
			if t == nil {
				t = &Sums{Behaviours: make([]IntMoments, len(g.Behaviours)), Values: make([]IntMoments, len(g.Values)), Alpha: make([]IntAlpha, len(g.Alpha))}
				tree[a] = t
			}
			t.Merge(g)
		})
	}
	people := func(k GroupKey, g *Sums) int64 {
		if g == nil {
			return 0
		}
		if in.People == nil {
			return g.Respondents()
		}
		return in.People[k]
	}
	nodes := make([]Node, 0, len(units))
	for _, u := range units {
		nodes = append(nodes, Node{Unit: u, Parent: parent.of[u], OwnN: people(GroupKey{u, Own}, in.Own[u])})
	}
	hidden := Suppress(nodes, in.K)
	treeTasks := map[int64]Tasks{}
	for _, u := range units {
		c, ok := in.Tasks[u]
		if !ok {
			continue
		}
		up(u, func(a int64) {
			t := treeTasks[a]
			treeTasks[a] = Tasks{t.Total + c.Total, t.Done + c.Done}
		})
	}

	var out []RollupGroup
	for _, u := range append([]int64{0}, units...) {
		for _, scope := range []Scope{Own, Tree} {
			if u == 0 && scope == Own {
				continue
			}
			k := GroupKey{u, scope}
			r := RollupGroup{Key: k, Suppressed: hidden[k]}
			if scope == Own {
				r.Sums, r.Tasks = in.Own[u], in.Tasks[u]
			} else {
				r.Sums, r.Tasks = tree[u], treeTasks[u]
			}
			r.Respondents = people(k, r.Sums)
			if r.Respondents == 0 && r.Tasks.Done > 0 {
				// People answered but none of their answers is in this
				// group: merged into a parent's bucket at release, or still
				// sealed. The group is hidden, not empty.
				r.Suppressed = true
			}
			if r.Sums != nil || r.Respondents > 0 || r.Tasks.Total > 0 {
				out = append(out, r)
			}
		}
	}
	return out
}

// unitTree is the parent of every unit of a roll-up: the snapshot's, and 0 (the
// top) for a unit with answers, tasks or raters that is missing from it.
type unitTree struct{ of map[int64]int64 }

func parents(snapshot []RollupUnit, more ...[]int64) unitTree {
	t := unitTree{of: map[int64]int64{}}
	for _, u := range snapshot {
		t.of[u.Unit] = u.Parent
	}
	for _, us := range more {
		for _, u := range us {
			if _, ok := t.of[u]; !ok {
				t.of[u] = 0 // an answer's unit missing from the snapshot counts at the top
			}
		}
	}
	return t
}

// up calls fn for u and every unit above it, ending with the instansi (0).
func (t unitTree) up(u int64, fn func(a int64)) {
	for a, depth := u, 0; depth <= len(t.of)+1; a, depth = t.of[a], depth+1 {
		fn(a)
		if a == 0 {
			return
		}
	}
}

// units returns the units of t in ascending order.
func (t unitTree) units() []int64 {
	us := mapKeys(t.of)
	sort.Slice(us, func(i, j int) bool { return us[i] < us[j] })
	return us
}

func mapKeys[V any](m map[int64]V) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// RaterCounts counts the distinct people behind each group of the 360:
// raters holds, per unit, the people whose answers are in the unit's own
// figure; a subtree's people are the union of its units' (one person who
// rated colleagues in two units counts once above them). The result is
// RollupInput.People. The close computes it once (it reads every completed
// task of the period), so that publishing does not.
func RaterCounts(units []RollupUnit, raters map[int64]map[int64]bool) map[GroupKey]int64 {
	t := parents(units, mapKeys(raters))
	out := map[GroupKey]int64{}
	subtree := map[int64]map[int64]bool{}
	for _, u := range t.units() {
		rs := raters[u]
		if len(rs) == 0 {
			continue
		}
		out[GroupKey{u, Own}] = int64(len(rs))
		t.up(u, func(a int64) {
			if subtree[a] == nil {
				subtree[a] = map[int64]bool{}
			}
			for r := range rs {
				subtree[a][r] = true
			}
		})
	}
	for a, rs := range subtree {
		out[GroupKey{a, Tree}] = int64(len(rs))
	}
	return out
}
