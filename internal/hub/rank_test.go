package hub

import "testing"

func TestRankRanges(t *testing.T) {
	xs := []Interval{
		{80, 78, 82}, // clearly first
		{70, 66, 74}, // overlaps the third
		{68, 65, 71},
		{40, 35, 45}, // clearly last
	}
	best, worst := RankRanges(xs)
	want := [][2]int{{1, 1}, {2, 3}, {2, 3}, {4, 4}}
	for i := range xs {
		if best[i] != want[i][0] || worst[i] != want[i][1] {
			t.Errorf("interval %d: got rank %d..%d, want %d..%d", i, best[i], worst[i], want[i][0], want[i][1])
		}
	}
}
