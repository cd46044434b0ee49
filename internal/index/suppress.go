package index

import "sort"

// DefaultK is the default minimum number of respondents of a shown group.
const DefaultK = 5

// MinK and MaxK bound the K an instansi may choose.
const (
	MinK = 3
	MaxK = 10
)

// Scope says whether a group is a unit's own staff or its whole subtree.
type Scope string

// The two scopes of a unit's figures.
const (
	Own  Scope = "own"
	Tree Scope = "tree"
)

// GroupKey names one group of a period and instrument. Unit 0 is the whole
// instansi (its Tree group; it has no own staff).
type GroupKey struct {
	Unit  int64
	Scope Scope
}

// Node is a unit of the period's snapshot with the respondents of its groups.
type Node struct {
	Unit   int64
	Parent int64 // 0 for a top unit
	OwnN   int64 // respondents among the unit's own staff
}

// Suppress returns the groups that must not be shown.
//
// First the K rule: a group with 1..K-1 respondents is suppressed (a group
// with none has nothing to hide and shows "no data"). Then complementary
// suppression: every unit u (and the instansi, unit 0) gives the additive
// relation tree(u) = own(u) + Σ tree(child). If exactly one term of such a
// relation is hidden, it could be recovered by subtraction, so one more term
// is hidden: the smallest shown child or own group, or else tree(u) itself.
// This repeats until every relation has none or at least two hidden terms.
func Suppress(nodes []Node, k int) map[GroupKey]bool {
	if k < 1 {
		k = DefaultK
	}
	children := map[int64][]int64{}
	own := map[int64]int64{}
	for _, n := range nodes {
		children[n.Parent] = append(children[n.Parent], n.Unit)
		own[n.Unit] = n.OwnN
	}
	for _, c := range children {
		sort.Slice(c, func(i, j int) bool { return c[i] < c[j] })
	}
	tree := map[int64]int64{}
	var sum func(u int64) int64
	sum = func(u int64) int64 {
		t := own[u]
		for _, c := range children[u] {
			t += sum(c)
		}
		tree[u] = t
		return t
	}
	sum(0)

	n := func(g GroupKey) int64 {
		if g.Scope == Own {
			return own[g.Unit]
		}
		return tree[g.Unit]
	}
	hidden := map[GroupKey]bool{}
	for u := range tree {
		for _, s := range []Scope{Own, Tree} {
			g := GroupKey{u, s}
			if u == 0 && s == Own {
				continue
			}
			if x := n(g); x > 0 && x < int64(k) {
				hidden[g] = true
			}
		}
	}

	// Parents in a fixed order so that the result does not depend on map order.
	parents := []int64{0}
	for _, nd := range nodes {
		parents = append(parents, nd.Unit)
	}
	for changed := true; changed; {
		changed = false
		for _, p := range parents {
			terms := []GroupKey{}
			if p != 0 {
				terms = append(terms, GroupKey{p, Own})
			}
			for _, c := range children[p] {
				terms = append(terms, GroupKey{c, Tree})
			}
			parent := GroupKey{p, Tree}
			unknown := 0
			if hidden[parent] {
				unknown++
			}
			var shown []GroupKey
			for _, t := range terms {
				if n(t) == 0 {
					continue // known to be empty
				}
				if hidden[t] {
					unknown++
				} else {
					shown = append(shown, t)
				}
			}
			if unknown != 1 || n(parent) == 0 {
				continue
			}
			if len(shown) == 0 {
				// The only hidden term is a child or the own group and nothing
				// else is shown: the parent equals it and must go too (or the
				// parent is the hidden one and no other term exists to hide).
				if !hidden[parent] {
					hidden[parent] = true
					changed = true
				}
				continue
			}
			sort.SliceStable(shown, func(i, j int) bool { return n(shown[i]) < n(shown[j]) })
			hidden[shown[0]] = true
			changed = true
		}
	}
	return hidden
}
