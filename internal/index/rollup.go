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
	// Raters, when not nil, holds the distinct people behind each unit's own
	// figure (the 360: one person rates several colleagues, so n counts
	// people, not submissions). With nil, n is the number of submissions.
	Raters map[int64]map[int64]bool
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
	parent := map[int64]int64{}
	for _, u := range in.Units {
		parent[u.Unit] = u.Parent
	}
	for u := range in.Own {
		if _, ok := parent[u]; !ok {
			parent[u] = 0 // an answer's unit missing from the snapshot counts at the top
		}
	}
	for u := range in.Tasks {
		if _, ok := parent[u]; !ok {
			parent[u] = 0
		}
	}
	if len(in.Own) == 0 && len(in.Tasks) == 0 {
		return nil
	}
	// up calls fn for u and every unit above it, ending with the instansi (0).
	up := func(u int64, fn func(a int64)) {
		for a, depth := u, 0; depth <= len(parent)+1; a, depth = parent[a], depth+1 {
			fn(a)
			if a == 0 {
				return
			}
		}
	}
	units := make([]int64, 0, len(parent))
	for u := range parent {
		units = append(units, u)
	}
	sort.Slice(units, func(i, j int) bool { return units[i] < units[j] })

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
	var treeRaters map[int64]map[int64]bool
	if in.Raters != nil {
		treeRaters = map[int64]map[int64]bool{}
		for _, u := range units {
			rs := in.Raters[u]
			if len(rs) == 0 {
				continue
			}
			up(u, func(a int64) {
				if treeRaters[a] == nil {
					treeRaters[a] = map[int64]bool{}
				}
				for r := range rs {
					treeRaters[a][r] = true
				}
			})
		}
	}
	people := func(k GroupKey, g *Sums) int64 {
		if g == nil {
			return 0
		}
		if in.Raters == nil {
			return g.Respondents()
		}
		if k.Scope == Own {
			return int64(len(in.Raters[k.Unit]))
		}
		return int64(len(treeRaters[k.Unit]))
	}
	nodes := make([]Node, 0, len(units))
	for _, u := range units {
		nodes = append(nodes, Node{Unit: u, Parent: parent[u], OwnN: people(GroupKey{u, Own}, in.Own[u])})
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
