package index

import (
	"reflect"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

// followupTree is 1 at the top; 2 and 3 below it; 4 below 2.
var followupTree = Parents{1: 0, 2: 1, 3: 1, 4: 2}

func TestParentsUnder(t *testing.T) {
	t.Parallel()
	cases := []struct {
		unit, top int64
		want      bool
	}{
		{4, 0, true},  // the whole instansi
		{99, 0, true}, // the instansi holds everything
		{4, 2, true},
		{4, 1, true},
		{2, 2, true}, // a unit lies in its own subtree
		{3, 2, false},
		{1, 2, false},
		{99, 1, false}, // not in the snapshot
	}
	for _, tc := range cases {
		if got := followupTree.Under(tc.unit, tc.top); got != tc.want {
			t.Errorf("Under(%d, %d) = %v, want %v", tc.unit, tc.top, got, tc.want)
		}
	}
	if (Parents{5: 6, 6: 5}).Under(5, 7) {
		t.Error("a cycle: got under, want not")
	}
}

func TestAims(t *testing.T) {
	t.Parallel()
	cases := []struct {
		codes, values []string
		want          bool
	}{
		{[]string{"BP"}, []string{"BP"}, true},
		{[]string{"BP2"}, []string{"BP"}, true},
		{[]string{"AK1"}, []string{"BP", "AK"}, true},
		{[]string{"BPX1"}, []string{"BP"}, false}, // not a behaviour of BP
		{[]string{"B"}, []string{"BP"}, false},
		{nil, []string{"BP"}, false},
		{[]string{"BP"}, nil, false},
	}
	for _, tc := range cases {
		if got := Aims(tc.codes, tc.values); got != tc.want {
			t.Errorf("Aims(%v, %v) = %v, want %v", tc.codes, tc.values, got, tc.want)
		}
	}
}

func fig(code string, score float64, n int64) Figure { return Figure{Code: code, Score: score, N: n} }

func TestWeakestAndValuesOf(t *testing.T) {
	t.Parallel()
	r := Result{Values: []ValueResult{
		{Figure: fig("BP", 60, 9), Behaviours: []Figure{fig("BP1", 70, 9), fig("BP2", 40, 9), fig("BP3", 50, 9)}},
		{Figure: fig("AK", 55, 9), Behaviours: []Figure{fig("AK1", 40, 9), fig("AK2", 0, 0), fig("AK3", 80, 9)}},
	}}
	var got []string
	for _, b := range Weakest(r, 3) {
		got = append(got, b.Code+"/"+b.Value)
	}
	// Ties keep framework order; a behaviour without respondents is no weakness.
	if want := []string{"BP2/BP", "AK1/AK", "BP3/BP"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Weakest = %v, want %v", got, want)
	}
	if got, want := ValuesOf(Weakest(r, 3)), []string{"BP", "AK"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ValuesOf = %v, want %v", got, want)
	}
	r.Suppressed = true
	if w := Weakest(r, 3); w != nil {
		t.Errorf("Weakest of a suppressed result = %v, want none", w)
	}
}

func activity(id, unit int64, values []string, behaviours []string, lines ...[2]int64) budaya.Activity {
	a := budaya.Activity{ID: id, OwnerUnitID: unit, ValueCodes: values, BehaviourCodes: behaviours}
	for _, l := range lines {
		a.Budget = append(a.Budget, budaya.BudgetLine{Ceiling: l[0], Realised: l[1]})
	}
	return a
}

func TestDoingAbout(t *testing.T) {
	t.Parallel()
	cs := []budaya.Commitment{
		{ID: 1, UnitID: 2, Codes: []string{"BP1"}},  // in 2's subtree, aimed at BP
		{ID: 2, UnitID: 4, Codes: []string{"AK"}},   // in the subtree, another value
		{ID: 3, UnitID: 3, Codes: []string{"BP"}},   // a sibling's
		{ID: 4, UnitID: 4, Codes: []string{"BP"}},   // below 2, aimed at BP
		{ID: 5, UnitID: 99, Codes: []string{"BP"}},  // not in the snapshot
		{ID: 6, UnitID: 2, Codes: []string{"BPX1"}}, // not a BP behaviour
	}
	acts := []budaya.Activity{
		activity(10, 4, nil, []string{"BP3"}, [2]int64{100, 40}, [2]int64{50, 50}),
		activity(11, 3, []string{"BP"}, nil, [2]int64{1000, 0}),
		activity(12, 2, []string{"AK"}, nil),
	}
	d := DoingAbout(followupTree, 2, []string{"BP"}, cs, acts)
	var ids []int64
	for _, c := range d.Commitments {
		ids = append(ids, c.ID)
	}
	if want := []int64{1, 4}; !reflect.DeepEqual(ids, want) {
		t.Errorf("commitments = %v, want %v", ids, want)
	}
	if len(d.Activities) != 1 || d.Activities[0].ID != 10 || d.Activities[0].Ceiling != 150 || d.Activities[0].Realised != 90 {
		t.Errorf("activities = %+v, want 10 with ceiling 150 and realised 90", d.Activities)
	}
	if whole := DoingAbout(followupTree, 0, []string{"BP"}, cs, acts); len(whole.Commitments) != 4 || len(whole.Activities) != 2 {
		t.Errorf("the instansi: %d commitments and %d activities, want 4 and 2", len(whole.Commitments), len(whole.Activities))
	}
	if none := DoingAbout(followupTree, 0, nil, cs, acts); none.Commitments != nil || none.Activities != nil {
		t.Errorf("no weak values: got %+v, want nothing", none)
	}
}

func TestCompareFollowup(t *testing.T) {
	t.Parallel()
	hidden := Figure{Code: "overall", Suppressed: true}
	in := FollowupInput{
		Tree: followupTree,
		Cut:  1,
		Units: []FollowupUnit{
			{ID: 1, Signed: true, Now: fig("overall", 70, 20), Then: fig("overall", 60, 18)},
			{ID: 2, Signed: true, Now: fig("overall", 65, 8), Then: fig("overall", 70, 9)},
			{ID: 3, Now: fig("overall", 50, 6), Then: fig("overall", 47, 6)},
			{ID: 4, Suppressed: true, Now: hidden, Then: fig("overall", 80, 5)},
		},
		Now: []ValueResult{{Figure: fig("BP", 72, 20)}, {Figure: fig("AK", 66, 20)}, {Figure: Figure{Code: "KL", Suppressed: true}}},
		Then: []ValueResult{{Figure: fig("BP", 62, 18)}, {Figure: Figure{Code: "AK", Suppressed: true}},
			{Figure: fig("KL", 50, 18)}},
		Activities: []budaya.Activity{
			activity(1, 4, []string{"BP"}, nil, [2]int64{100, 60}),
			activity(2, 2, []string{"BP", "AK"}, nil, [2]int64{10, 5}),
			activity(3, 3, []string{"AK"}, nil, [2]int64{7, 7}),
			activity(4, 99, []string{"AK"}, nil, [2]int64{1000, 1000}), // outside the snapshot
		},
		Checklist: map[int64]budaya.ChecklistScore{2: {Points: 3, MaxPoints: 4}, 3: {Points: 0, MaxPoints: 0}},
	}
	f := CompareFollowup(in)
	type row struct {
		unit              int64
		change            float64
		has               bool
		ceiling, realised int64
		check             float64
		hasCheck          bool
	}
	var got []row
	for _, r := range f.Rows {
		got = append(got, row{r.UnitID, r.Change, r.HasChange, r.Ceiling, r.Realised, r.Checklist, r.HasCheck})
	}
	want := []row{
		{1, 10, true, 117, 72, 0, false},
		{2, -5, true, 110, 65, 75, true},
		{3, 3, true, 7, 7, 0, false}, // a checklist without criteria is no score
		{4, 0, false, 100, 60, 0, false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows = %+v\nwant %+v", got, want)
	}
	if !f.Rows[3].Suppressed || !f.Rows[0].Signed {
		t.Errorf("flags of rows lost: %+v", f.Rows)
	}
	if f.SignedMean == nil || *f.SignedMean != 2.5 {
		t.Errorf("signed mean = %v, want 2.5 (10 and -5)", f.SignedMean)
	}
	if f.OtherMean == nil || *f.OtherMean != 3 {
		t.Errorf("other mean = %v, want 3 (unit 4 has no change)", f.OtherMean)
	}
	wantValues := []FollowupValue{
		{Code: "BP", NowShown: true, Now: 72, Then: 62, Change: 10, HasChange: true, Ceiling: 110, Realised: 65},
		{Code: "AK", NowShown: true, Now: 66, Ceiling: 17, Realised: 12}, // hidden then: no change
		{Code: "KL"}, // hidden now: no change, and no score
	}
	if !reflect.DeepEqual(f.Values, wantValues) {
		t.Errorf("values = %+v\nwant %+v", f.Values, wantValues)
	}

	// One period only: no change anywhere, no means.
	in.Then = nil
	for i := range in.Units {
		in.Units[i].Then = Figure{}
	}
	f = CompareFollowup(in)
	if f.SignedMean != nil || f.OtherMean != nil {
		t.Errorf("one period: means %v %v, want none", f.SignedMean, f.OtherMean)
	}
	for _, r := range f.Rows {
		if r.HasChange {
			t.Errorf("one period: unit %d has a change", r.UnitID)
		}
	}
	for _, v := range f.Values {
		if v.HasChange {
			t.Errorf("one period: value %s has a change", v.Code)
		}
	}
}
