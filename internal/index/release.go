package index

import (
	"sort"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Release buckets (docs/measurement.md, "Release at close"). Anonymous
// answers stay sealed while a period is open. At close they are released in
// buckets of at least K respondents, so that every figure is a sum of whole
// buckets and every release moves a figure by at least K people: no
// combination of figures, and no two readings of one, isolates fewer than K.

// ReleaseUnit is a unit of a period's snapshot with the sealed survey ballots
// of its own staff that wait for release.
type ReleaseUnit struct {
	Unit    int64
	Parent  int64 // the snapshot's parent; a unit whose parent is not in the snapshot is a root
	Pending int
}

// PlanRelease decides where the pending survey ballots go at close: out[u] is
// the unit whose bucket releases the ballots of unit u (their answers are
// stored under that unit); a unit with pending ballots that is not in out
// keeps them sealed.
//
// The snapshot tree is walked bottom-up from its own roots. At unit U the
// pending ballots are U's own and those carried up from its children. With
// at least k of them, U releases one bucket. With fewer, the smallest buckets
// released at U's children are merged into U's bucket until it reaches k (the
// child then has no figure of its own, but U, where its leader and the
// child's people are, keeps one); when even all of them do not reach k, U's
// pending ballots are carried up to its parent. At a root (an eselon I unit,
// whose own staff are its head and a few people around them) nothing is
// merged: a root with fewer than k pending keeps them sealed, so that its
// units keep their figures for the sake of a handful of people whose answers
// are in no figure.
func PlanRelease(units []ReleaseUnit, k int) map[int64]int64 {
	if k < 1 {
		k = DefaultK
	}
	in := map[int64]bool{}
	for _, u := range units {
		in[u.Unit] = true
	}
	children := map[int64][]int64{}
	pending := map[int64]int{}
	var roots []int64
	for _, u := range units {
		pending[u.Unit] += u.Pending
		if u.Parent != 0 && in[u.Parent] && u.Parent != u.Unit {
			children[u.Parent] = append(children[u.Parent], u.Unit)
		} else {
			roots = append(roots, u.Unit)
		}
	}
	for _, c := range children {
		sort.Slice(c, func(i, j int) bool { return c[i] < c[j] })
	}
	sort.Slice(roots, func(i, j int) bool { return roots[i] < roots[j] })

	out := map[int64]int64{}
	size := map[int64]int{}        // ballots of the bucket released at a unit
	members := map[int64][]int64{} // the units whose ballots a bucket holds
	release := func(at int64, sources []int64, n int) {
		for _, s := range sources {
			out[s] = at
		}
		members[at] = append(members[at], sources...)
		size[at] += n
	}
	// visit returns the units whose ballots are carried up from u, and how many.
	var visit func(u int64, root bool) ([]int64, int)
	visit = func(u int64, root bool) ([]int64, int) {
		var sources []int64
		n := pending[u]
		if n > 0 {
			sources = append(sources, u)
		}
		for _, c := range children[u] {
			cs, cn := visit(c, false)
			sources, n = append(sources, cs...), n+cn
		}
		if n == 0 {
			return nil, 0
		}
		if n >= k {
			release(u, sources, n)
			return nil, 0
		}
		if root {
			return sources, n
		}
		var buckets []int64
		for _, c := range children[u] {
			if size[c] > 0 {
				buckets = append(buckets, c)
			}
		}
		sort.SliceStable(buckets, func(i, j int) bool { return size[buckets[i]] < size[buckets[j]] })
		total, take := n, 0
		for take < len(buckets) && total < k {
			total += size[buckets[take]]
			take++
		}
		if total < k {
			return sources, n
		}
		for _, c := range buckets[:take] {
			sources = append(sources, members[c]...)
			delete(members, c)
			delete(size, c)
		}
		release(u, sources, total)
		return nil, 0
	}
	for _, r := range roots {
		visit(r, true) // what reaches a root without a bucket stays sealed
	}
	return out
}

// Release360 reports whether a 360 bucket (one ratee, one anonymous rater
// group: peer or bawahan) with pending sealed ballots is released at close:
// only with at least budaya.MinRaters360 of them, so that a group under the
// threshold is never in any figure or report.
func Release360(pending int) bool { return pending >= budaya.MinRaters360 }
