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
// relation tree(u) = own(u) + Σ tree(child). When tree(u) is shown, the sum of
// its hidden terms can be had by subtraction, so it must be 0 or at least K;
// when tree(u) is hidden, not all of its terms may be shown. Where a relation
// breaks this, one more term is hidden: the smallest shown child or own
// group, or else tree(u) itself. The pools of the raw export (Residuals) must
// reach K too. This repeats until nothing changes.
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
			if n(parent) == 0 {
				continue
			}
			unknown := 0
			var hiddenN int64
			var shown []GroupKey
			for _, t := range terms {
				if n(t) == 0 {
					continue // known to be empty
				}
				if hidden[t] {
					unknown++
					hiddenN += n(t)
				} else {
					shown = append(shown, t)
				}
			}
			// A shown parent reveals the sum of its hidden terms; that sum
			// must itself reach K. A hidden parent with every term shown is
			// their sum.
			leak := !hidden[parent] && hiddenN > 0 && hiddenN < int64(k) || hidden[parent] && unknown == 0
			if !leak {
				continue
			}
			if len(shown) == 0 {
				hidden[parent] = true
				changed = true
				continue
			}
			sort.SliceStable(shown, func(i, j int) bool { return n(shown[i]) < n(shown[j]) })
			hidden[shown[0]] = true
			changed = true
		}
		// The raw export gives the rows of a hidden own group to the nearest
		// ancestor whose subtree is shown (see Residuals); that pool must
		// reach K too, or the ancestor's subtree is hidden as well.
		parentOf := map[int64]int64{}
		for _, nd := range nodes {
			parentOf[nd.Unit] = nd.Parent
		}
		res := Residuals(nodes, hidden)
		pools := make([]int64, 0, len(res))
		for a := range res {
			pools = append(pools, a)
		}
		sort.Slice(pools, func(i, j int) bool { return pools[i] < pools[j] })
		for _, a := range pools {
			if r := res[a]; r == 0 || r >= int64(k) {
				continue
			}
			// Grow the pool with the smallest shown own group below a (with
			// the subtrees between it and a, so that its rows do fall into
			// a's pool); hide a's subtree itself only when there is none.
			var best *Node
			for i := range nodes {
				nd := &nodes[i]
				if nd.OwnN == 0 || hidden[GroupKey{nd.Unit, Own}] || !below(nd.Unit, a, parentOf) {
					continue
				}
				if best == nil || nd.OwnN < best.OwnN {
					best = nd
				}
			}
			if best != nil {
				hidden[GroupKey{best.Unit, Own}] = true
				for u := best.Unit; u != a; u = parentOf[u] {
					hidden[GroupKey{u, Tree}] = true
				}
			} else {
				hidden[GroupKey{a, Tree}] = true
			}
			changed = true
			break // the pools changed: compute them again
		}
	}
	return hidden
}

// Residuals returns, per unit whose subtree is shown (0: the instansi), the
// respondents of hidden own groups whose nearest shown subtree it is: the
// pool into which the raw export puts their rows, labelled only with that
// unit. Rows with no shown ancestor are not exported.
func Residuals(nodes []Node, hidden map[GroupKey]bool) map[int64]int64 {
	parent := map[int64]int64{}
	for _, n := range nodes {
		parent[n.Unit] = n.Parent
	}
	out := map[int64]int64{}
	for _, n := range nodes {
		if n.OwnN == 0 || !hidden[GroupKey{n.Unit, Own}] {
			continue
		}
		if a, ok := ResidualOwner(n.Unit, parent, hidden); ok {
			out[a] += n.OwnN
		}
	}
	return out
}

// ResidualOwner is the nearest unit at or above u whose subtree is shown
// (0: the instansi); ok is false when there is none.
func ResidualOwner(u int64, parent map[int64]int64, hidden map[GroupKey]bool) (int64, bool) {
	for a := u; ; a = parent[a] {
		if !hidden[GroupKey{a, Tree}] {
			return a, true
		}
		if a == 0 {
			return 0, false
		}
	}
}

// below reports whether u is a or in a's subtree (a = 0: the instansi).
func below(u, a int64, parent map[int64]int64) bool {
	for {
		if u == a {
			return true
		}
		if u == 0 {
			return false
		}
		u = parent[u]
	}
}
