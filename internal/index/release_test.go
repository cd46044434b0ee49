package index

import (
	"maps"
	"testing"
)

func TestPlanRelease(t *testing.T) {
	tests := []struct {
		name  string
		units []ReleaseUnit
		k     int
		want  map[int64]int64
	}{
		{
			name:  "every unit reaches K on its own",
			units: []ReleaseUnit{{1, 0, 6}, {2, 1, 5}, {3, 1, 7}},
			k:     5,
			want:  map[int64]int64{1: 1, 2: 2, 3: 3},
		},
		{
			// Issue 13.1: the snapshot keeps the real parent (99) of its top
			// unit, which is not in the snapshot; the walk still starts at 10.
			name:  "partial period: one answer stays sealed",
			units: []ReleaseUnit{{10, 99, 1}, {11, 10, 0}},
			k:     5,
			want:  map[int64]int64{},
		},
		{
			name:  "partial period rooted at a unit whose parent is outside",
			units: []ReleaseUnit{{10, 99, 2}, {11, 10, 2}, {12, 10, 1}},
			k:     5,
			want:  map[int64]int64{10: 10, 11: 10, 12: 10},
		},
		{
			name:  "small children are carried up into the parent's bucket",
			units: []ReleaseUnit{{1, 0, 1}, {2, 1, 2}, {3, 1, 2}},
			k:     5,
			want:  map[int64]int64{1: 1, 2: 1, 3: 1},
		},
		{
			// Issue 13.5: the leader's unit (3 own answers) under the top
			// unit, with one sub-unit of 20. The sub-unit's bucket is merged
			// so the leader's unit keeps a figure; the head of the top unit
			// (1 answer) does not take the leader's unit away: it stays sealed.
			name:  "leader keeps their unit: the smallest child bucket merges up, never into a root",
			units: []ReleaseUnit{{1, 0, 1}, {2, 1, 3}, {3, 2, 20}, {4, 1, 30}},
			k:     5,
			want:  map[int64]int64{2: 2, 3: 2, 4: 4},
		},
		{
			name:  "the smallest child bucket is merged, not the largest",
			units: []ReleaseUnit{{9, 0, 40}, {1, 9, 2}, {2, 1, 9}, {3, 1, 6}},
			k:     5,
			want:  map[int64]int64{9: 9, 1: 1, 2: 2, 3: 1},
		},
		{
			name:  "merging stops as soon as K is reached",
			units: []ReleaseUnit{{9, 0, 40}, {1, 9, 1}, {2, 1, 5}, {3, 1, 5}, {4, 1, 8}},
			k:     5,
			want:  map[int64]int64{9: 9, 1: 1, 2: 1, 3: 3, 4: 4},
		},
		{
			name:  "a root under K keeps its ballots sealed and its children their figures",
			units: []ReleaseUnit{{1, 0, 2}, {2, 1, 9}, {3, 1, 6}},
			k:     5,
			want:  map[int64]int64{2: 2, 3: 3},
		},
		{
			name:  "carried up twice, still under K at the root: sealed",
			units: []ReleaseUnit{{1, 0, 3}, {2, 1, 0}, {3, 2, 1}},
			k:     5,
			want:  map[int64]int64{},
		},
		{
			name:  "carried up through an empty unit reaches K at the root",
			units: []ReleaseUnit{{1, 0, 3}, {2, 1, 0}, {3, 2, 2}},
			k:     5,
			want:  map[int64]int64{1: 1, 3: 1},
		},
		{
			name:  "a child bucket merged at the parent brings the units it holds",
			units: []ReleaseUnit{{9, 0, 50}, {1, 9, 1}, {2, 1, 4}, {3, 2, 1}, {4, 1, 30}},
			k:     5,
			want:  map[int64]int64{9: 9, 1: 1, 2: 1, 3: 1, 4: 4},
		},
		{
			name:  "two separate roots",
			units: []ReleaseUnit{{1, 0, 5}, {2, 0, 4}},
			k:     5,
			want:  map[int64]int64{1: 1},
		},
		{
			name:  "nothing pending",
			units: []ReleaseUnit{{1, 0, 0}, {2, 1, 0}},
			k:     3,
			want:  map[int64]int64{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PlanRelease(tt.units, tt.k)
			if !maps.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			// Every bucket holds at least K.
			size := map[int64]int{}
			for _, u := range tt.units {
				if at, ok := got[u.Unit]; ok {
					size[at] += u.Pending
				}
			}
			for at, n := range size {
				if n < tt.k {
					t.Errorf("bucket at %d holds %d ballots, fewer than K=%d", at, n, tt.k)
				}
			}
		})
	}
}

func TestRelease360(t *testing.T) {
	for n, want := range map[int]bool{0: false, 1: false, 2: false, 3: true, 7: true} {
		if got := Release360(n); got != want {
			t.Errorf("Release360(%d) = %v, want %v", n, got, want)
		}
	}
}
