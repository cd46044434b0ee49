package budaya

import (
	"math"
	"reflect"
	"strconv"
	"testing"
)

// reportFramework is a small framework of two core values with two
// behaviours each, and one instansi value that a report never shows.
func reportFramework() *Framework {
	return &Framework{Values: []Value{
		{Code: "BP", Kind: ValueCore, Name: "Berorientasi Pelayanan", Behaviours: []Behaviour{{Code: "BP1", Text: "b1"}, {Code: "BP2", Text: "b2"}}},
		{Code: "AK", Kind: ValueCore, Name: "Akuntabel", Behaviours: []Behaviour{{Code: "AK1", Text: "a1"}, {Code: "AK2", Text: "a2"}}},
		{Code: "JU", Kind: ValueInstansi, Name: "Jujur", MapsTo: []string{"AK"}},
	}}
}

// rater returns the answers of one submission: scores by behaviour code.
func rater(ratee int64, group, response string, scores map[string]int, comment string) []Answer360 {
	var out []Answer360
	for _, code := range []string{"BP1", "BP2", "AK1", "AK2"} {
		s, ok := scores[code]
		if !ok {
			continue // "tidak dapat menilai": not stored
		}
		c := ""
		if code == "BP1" {
			c = comment
		}
		out = append(out, Answer360{RateeID: ratee, Group: group, ResponseID: response, Code: code, Score: s, Comment: c})
	}
	return out
}

// all gives every behaviour score s.
func all(s int) map[string]int { return map[string]int{"BP1": s, "BP2": s, "AK1": s, "AK2": s} }

// raters returns n submissions of group about ratee, each scoring s everywhere.
func raters(ratee int64, group string, n, s int) []Answer360 {
	var out []Answer360
	for i := range n {
		out = append(out, rater(ratee, group, group+strconv.FormatInt(ratee, 10)+"-"+strconv.Itoa(i), all(s), "")...)
	}
	return out
}

func join(parts ...[]Answer360) []Answer360 {
	var out []Answer360
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func rowOf(t *testing.T, rep *Report360, code string) ReportRow {
	t.Helper()
	for _, r := range append(append([]ReportRow{}, rep.Values...), rep.Behaviours...) {
		if r.Code == code {
			return r
		}
	}
	t.Fatalf("no row %s in the report", code)
	return ReportRow{}
}

func groupOf(t *testing.T, r ReportRow, group string) GroupScore {
	t.Helper()
	for _, g := range r.Groups {
		if g.Group == group {
			return g
		}
	}
	t.Fatalf("row %s has no group %s", r.Code, group)
	return GroupScore{}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestBuildReport360(t *testing.T) {
	t.Parallel()
	const me, colleague = 10, 11
	head := Report360{PeriodID: 7, PeriodName: "2026", EmployeeID: me, EmployeeName: "Sari", UnitName: "Biro Umum"}
	type check func(t *testing.T, rep *Report360)
	cases := []struct {
		name    string
		answers []Answer360
		check   check
	}{
		{"a peer group under three is hidden, with its comments, and left out of others",
			join(raters(me, GroupAtasan, 1, 2), rater(me, GroupPeer, "p1", all(5), "ramah"), rater(me, GroupPeer, "p2", all(5), "cepat")),
			func(t *testing.T, rep *Report360) {
				for _, code := range []string{"BP", "BP1", "AK2"} {
					r := rowOf(t, rep, code)
					if g := groupOf(t, r, GroupPeer); !g.Suppressed || g.N != 0 || g.Mean != 0 {
						t.Errorf("%s peer = %+v, want suppressed with no figure", code, g)
					}
					if r.Others.N != 1 || !near(r.Others.Mean, 2) {
						t.Errorf("%s others = %+v, want the atasan alone (n 1, mean 2)", code, r.Others)
					}
				}
				if c := rep.Comments[GroupPeer]; c != nil {
					t.Errorf("comments of a hidden group = %v, want none", c)
				}
			}},
		{"a bawahan group under three is hidden too",
			join(raters(me, GroupBawahan, 2, 4)),
			func(t *testing.T, rep *Report360) {
				if g := groupOf(t, rowOf(t, rep, "BP1"), GroupBawahan); !g.Suppressed {
					t.Errorf("bawahan of 2 = %+v, want suppressed", g)
				}
				if o := rowOf(t, rep, "BP1").Others; o.N != 0 {
					t.Errorf("others = %+v, want no figure", o)
				}
			}},
		{"a group of three is shown; n counts raters, not answers",
			join(raters(me, GroupPeer, 3, 4)),
			func(t *testing.T, rep *Report360) {
				for _, code := range []string{"BP", "BP1"} {
					g := groupOf(t, rowOf(t, rep, code), GroupPeer)
					if g.Suppressed || g.N != 3 || !near(g.Mean, 4) {
						t.Errorf("%s peer = %+v, want n 3 mean 4 (the value row holds 6 answers of 3 raters)", code, g)
					}
				}
			}},
		{"self and atasan are attributed and shown alone",
			join(raters(me, GroupSelf, 1, 5), raters(me, GroupAtasan, 1, 3)),
			func(t *testing.T, rep *Report360) {
				r := rowOf(t, rep, "AK1")
				if g := groupOf(t, r, GroupSelf); g.Suppressed || g.N != 1 || !near(g.Mean, 5) {
					t.Errorf("self = %+v, want n 1 mean 5", g)
				}
				if g := groupOf(t, r, GroupAtasan); g.Suppressed || g.N != 1 || !near(g.Mean, 3) {
					t.Errorf("atasan = %+v, want n 1 mean 3", g)
				}
			}},
		{"self is never mixed into others nor into the unit mean",
			join(raters(me, GroupSelf, 1, 5), raters(me, GroupPeer, 3, 1), raters(colleague, GroupSelf, 1, 5), raters(colleague, GroupPeer, 3, 3)),
			func(t *testing.T, rep *Report360) {
				r := rowOf(t, rep, "BP1")
				if r.Others.N != 3 || !near(r.Others.Mean, 1) {
					t.Errorf("others = %+v, want the 3 peers alone (mean 1)", r.Others)
				}
				if !near(r.UnitMean, 2) || !near(r.Gap, -1) {
					t.Errorf("unit mean %v gap %v, want 2 and -1 (peers of both ratees, no self)", r.UnitMean, r.Gap)
				}
			}},
		{"a hidden group of a colleague is not in the unit mean",
			join(raters(me, GroupPeer, 3, 2), raters(colleague, GroupBawahan, 2, 5), raters(colleague, GroupPeer, 3, 4)),
			func(t *testing.T, rep *Report360) {
				if r := rowOf(t, rep, "AK2"); !near(r.UnitMean, 3) {
					t.Errorf("unit mean = %v, want 3 (6 peers; the colleague's 2 bawahan are hidden)", r.UnitMean)
				}
			}},
		{"a behaviour fewer than three peers could rate is hidden in a shown group",
			join(rater(me, GroupPeer, "p1", all(4), ""), rater(me, GroupPeer, "p2", all(4), ""),
				rater(me, GroupPeer, "p3", map[string]int{"BP1": 4, "AK1": 4, "AK2": 4}, ""), raters(me, GroupAtasan, 1, 2)),
			func(t *testing.T, rep *Report360) {
				r := rowOf(t, rep, "BP2")
				if g := groupOf(t, r, GroupPeer); !g.Suppressed || g.N != 0 {
					t.Errorf("BP2 peer = %+v, want suppressed (2 of 3 peers rated it)", g)
				}
				if !r.Others.Suppressed {
					t.Errorf("BP2 others = %+v, want suppressed: atasan plus 2 peers would show the 2", r.Others)
				}
				if g := groupOf(t, rowOf(t, rep, "BP1"), GroupPeer); g.Suppressed || g.N != 3 {
					t.Errorf("BP1 peer = %+v, want n 3", g)
				}
				if g := groupOf(t, rowOf(t, rep, "BP"), GroupPeer); g.Suppressed || g.N != 3 || !near(g.Mean, 4) {
					t.Errorf("BP peer = %+v, want n 3 mean 4 (the value holds all 3 raters)", g)
				}
			}},
		{"strengths and gaps: at most three each, most above and most below the unit",
			join(rater(me, GroupPeer, "p1", map[string]int{"BP1": 5, "BP2": 4, "AK1": 2, "AK2": 1}, ""),
				rater(me, GroupPeer, "p2", map[string]int{"BP1": 5, "BP2": 4, "AK1": 2, "AK2": 1}, ""),
				rater(me, GroupPeer, "p3", map[string]int{"BP1": 5, "BP2": 4, "AK1": 2, "AK2": 1}, ""),
				raters(colleague, GroupPeer, 3, 3)),
			func(t *testing.T, rep *Report360) {
				codes := func(rs []ReportRow) []string {
					var out []string
					for _, r := range rs {
						out = append(out, r.Code)
					}
					return out
				}
				// Unit means: BP1 4, BP2 3.5, AK1 2.5, AK2 2; gaps +1, +0.5, -0.5, -1.
				if got, want := codes(rep.Strengths), []string{"BP1", "BP2"}; !reflect.DeepEqual(got, want) {
					t.Errorf("strengths = %v, want %v", got, want)
				}
				if got, want := codes(rep.Gaps), []string{"AK2", "AK1"}; !reflect.DeepEqual(got, want) {
					t.Errorf("gaps = %v, want %v", got, want)
				}
				if g := rowOf(t, rep, "BP1").Gap; !near(g, 1) {
					t.Errorf("BP1 gap = %v, want 1", g)
				}
			}},
		{"no strength or gap without a figure of others",
			join(raters(me, GroupSelf, 1, 5), raters(colleague, GroupPeer, 3, 3)),
			func(t *testing.T, rep *Report360) {
				if len(rep.Strengths) != 0 || len(rep.Gaps) != 0 {
					t.Errorf("strengths %v gaps %v, want none", rep.Strengths, rep.Gaps)
				}
				if r := rowOf(t, rep, "BP1"); r.Gap != 0 || !near(r.UnitMean, 3) {
					t.Errorf("BP1 gap %v unit %v, want 0 and 3", r.Gap, r.UnitMean)
				}
			}},
		{"comments of shown groups, sorted, blanks dropped, nobody else's",
			join(rater(me, GroupPeer, "p1", all(3), "zeta"), rater(me, GroupPeer, "p2", all(3), "  "), rater(me, GroupPeer, "p3", all(3), "alfa"),
				rater(me, GroupAtasan, "a1", all(3), "teliti"), rater(colleague, GroupPeer, "q1", all(3), "bukan untuk Sari"),
				rater(colleague, GroupPeer, "q2", all(3), ""), rater(colleague, GroupPeer, "q3", all(3), "")),
			func(t *testing.T, rep *Report360) {
				want := map[string][]string{GroupPeer: {"BP1: alfa", "BP1: zeta"}, GroupAtasan: {"BP1: teliti"}}
				if !reflect.DeepEqual(rep.Comments, want) {
					t.Errorf("comments = %v, want %v", rep.Comments, want)
				}
			}},
		{"the head is kept; rows follow the core values and their behaviours",
			nil,
			func(t *testing.T, rep *Report360) {
				if rep.PeriodID != 7 || rep.EmployeeName != "Sari" || rep.UnitName != "Biro Umum" || rep.MinGroup != MinRaters360 {
					t.Errorf("head = %+v", rep)
				}
				if len(rep.Values) != 2 || len(rep.Behaviours) != 4 || rep.Values[1].Code != "AK" || rep.Behaviours[1].Code != "BP2" {
					t.Errorf("values %d behaviours %d, want 2 and 4 in framework order", len(rep.Values), len(rep.Behaviours))
				}
				for _, r := range rep.Behaviours {
					if len(r.Groups) != len(RaterGroups360) || r.Others.N != 0 || r.UnitMean != 0 {
						t.Errorf("row %s of an empty report = %+v", r.Code, r)
					}
					for _, g := range r.Groups {
						if hidden := !Attributed(g.Group); g.Suppressed != hidden {
							t.Errorf("%s %s suppressed = %v, want %v (no raters)", r.Code, g.Group, g.Suppressed, hidden)
						}
					}
				}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rep := BuildReport360(head, reportFramework(), tc.answers)
			tc.check(t, rep)
		})
	}
}
