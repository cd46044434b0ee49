package budaya

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// The tree of the access tests: ROOT > A > B, ROOT > C > D, ROOT > E, and
// ROOT > A2 (id 20, whose path starts like A's but is not below it).
var accessPaths = map[int64]string{1: "/1/", 2: "/1/2/", 3: "/1/2/3/", 4: "/1/4/", 5: "/1/4/5/", 6: "/1/6/", 20: "/1/20/"}

const (
	unitRoot, unitA, unitB, unitC, unitD, unitE, unitA2 = 1, 2, 3, 4, 5, 6, 20
)

// The readers of the access tests, by name.
func accessReaders() map[string]Reader {
	user := func(id, employee int64, grants ...RoleGrant) Reader {
		return NewReader(&User{ID: id, EmployeeID: employee, Roles: grants}, accessPaths)
	}
	return map[string]Reader{
		"anonymous":   NewReader(nil, accessPaths),
		"admin":       user(1, 0, RoleGrant{Role: RoleAdmin}),
		"auditor":     user(2, 0, RoleGrant{Role: RoleAuditor}),
		"leader B+C":  user(3, 30, RoleGrant{Role: RolePimpinan, UnitID: unitB}, RoleGrant{Role: RolePimpinan, UnitID: unitC}),
		"leader A":    user(4, 40, RoleGrant{Role: RolePimpinan, UnitID: unitA}),
		"leader none": user(5, 50, RoleGrant{Role: RolePimpinan}),
		"agent B":     user(6, 60, RoleGrant{Role: RoleAgenPerubahan, UnitID: unitB}),
		"atasan":      user(7, 70, RoleGrant{Role: RolePegawai}), // direct atasan of employee 71
		"atasan2":     user(8, 80, RoleGrant{Role: RolePegawai}), // atasan of 70
		"staff":       user(9, 71, RoleGrant{Role: RolePegawai}),
		"other":       user(10, 90, RoleGrant{Role: RolePegawai}),
	}
}

func TestNewReaderFromGrantsAlone(t *testing.T) {
	u := &User{ID: 3, Roles: []RoleGrant{
		{Role: RolePimpinan, UnitID: unitB}, {Role: RolePimpinan, UnitID: unitC}, {Role: RolePimpinan, UnitID: unitB},
		{Role: RolePimpinan, UnitID: 99}, // a unit that no longer exists
		{Role: RoleAgenPerubahan, UnitID: unitD}, {Role: RolePegawai},
	}}
	if got, want := GrantUnitIDs(u), []int64{unitB, unitC, 99, unitD}; !slices.Equal(got, want) {
		t.Errorf("GrantUnitIDs: got %v, want %v", got, want)
	}
	r := NewReader(u, accessPaths)
	if got, want := r.LedIDs(), []int64{unitB, unitC}; !slices.Equal(got, want) {
		t.Errorf("led: got %v, want %v", got, want)
	}
	if got, want := fmt.Sprint(r.Served), fmt.Sprint([]UnitRef{{unitD, "/1/4/5/"}}); got != want {
		t.Errorf("served: got %v, want %v", got, want)
	}
	if got, want := fmt.Sprint(r.Scope()), fmt.Sprint(UnitScope{Paths: []string{"/1/2/3/", "/1/4/"}}); got != want {
		t.Errorf("scope: got %v, want %v", got, want)
	}
	// In a snapshot where C stood below A, C's frozen path counts too.
	if got, want := r.ScopeIn(map[int64]string{unitB: "/1/2/3/", unitC: "/1/2/4/"}).Paths, []string{"/1/2/3/", "/1/4/", "/1/2/4/"}; !slices.Equal(got, want) {
		t.Errorf("scope in snapshot: got %v, want %v", got, want)
	}
	if sc := NewReader(&User{Roles: []RoleGrant{{Role: RolePimpinan}}}, accessPaths).Scope(); sc.All || sc.Paths == nil || len(sc.Paths) != 0 {
		t.Errorf("pimpinan without a unit: got %+v, want an empty, non-nil scope", sc)
	}
	if !NewReader(&User{Roles: []RoleGrant{{Role: RoleAuditor}}}, nil).ScopeIn(map[int64]string{1: "/9/"}).All {
		t.Errorf("auditor in a snapshot: want all")
	}
}

func TestMaySeeUnit(t *testing.T) {
	all := []int64{unitRoot, unitA, unitB, unitC, unitD, unitE, unitA2}
	want := map[string][]int64{
		"admin":      all,
		"auditor":    all,
		"leader B+C": {unitB, unitC, unitD},
		"leader A":   {unitA, unitB},
	}
	for name, r := range accessReaders() {
		var got []int64
		for _, id := range all {
			if MaySeeUnit(r, accessPaths[id]) {
				got = append(got, id)
			}
		}
		if !slices.Equal(got, want[name]) {
			t.Errorf("%s sees units %v, want %v", name, got, want[name])
		}
	}
}

func TestRecordRules(t *testing.T) {
	staff := &Employee{ID: 71, UnitID: unitD, SupervisorID: 70} // in D, rated by 70, whose atasan is 80
	other := &Employee{ID: 91, UnitID: unitE, SupervisorID: 90} // in E
	inA := &Employee{ID: 41, UnitID: unitA, SupervisorID: 40}   // in A
	reportB := &AgentReport{UnitID: unitB}                      // an agent report of B
	reportD := &AgentReport{UnitID: unitD}                      // of D, below C
	agentB := &ChangeAgent{UserID: 6, UnitID: unitB}            // agent B's appointment
	ended := &ChangeAgent{UserID: 6, UnitID: unitB, EndedAt: time.Now()}
	private := &Recognition{SenderID: 90, RecipientID: 71, Visibility: "private"}
	public := &Recognition{SenderID: 90, RecipientID: 71, Visibility: VisibilityUnit}
	pledgeE := &Pledge{UnitID: unitE, InviteeID: 90, SignerUserID: 10}

	day := time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)
	inv := &Invitee{EmployeeID: 70, UnitID: unitD}
	plt := &Delegation{EmployeeID: 90, UnitID: unitD, StartsOn: day.AddDate(0, 0, -1), EndsOn: day}
	pltElsewhere := &Delegation{EmployeeID: 90, UnitID: unitE, StartsOn: day.AddDate(0, 0, -1), EndsOn: day}
	pltOver := &Delegation{EmployeeID: 90, UnitID: unitD, StartsOn: day.AddDate(0, 0, -9), EndsOn: day.AddDate(0, 0, -1)}

	type rule struct {
		name string
		may  func(Reader) bool
		want []string // the readers allowed
	}
	rules := []rule{
		{"see staff of D", func(r Reader) bool { return MaySeeEmployee(r, staff, accessPaths[unitD]) },
			[]string{"admin", "auditor", "leader B+C", "staff"}},
		{"see staff of A", func(r Reader) bool { return MaySeeEmployee(r, inA, accessPaths[unitA]) },
			[]string{"admin", "auditor", "leader A"}},
		{"see staff of E", func(r Reader) bool { return MaySeeEmployee(r, other, accessPaths[unitE]) },
			[]string{"admin", "auditor"}},
		{"rate 71", func(r Reader) bool { return MayRate(r, staff) }, []string{"admin", "atasan"}},
		{"view perilaku of 71", func(r Reader) bool { return MayViewPerilaku(r, staff, 80) },
			[]string{"admin", "auditor", "atasan", "atasan2", "staff"}},
		{"read 360 of 71, line known", func(r Reader) bool { return MayReadReport360(r, 71, r.EmployeeID() == 70 || r.EmployeeID() == 80) },
			[]string{"admin", "atasan", "atasan2", "staff"}},
		{"decide report of B", func(r Reader) bool { return MayDecideAgentReport(r, reportB) }, []string{"leader B+C"}},
		{"decide report of D", func(r Reader) bool { return MayDecideAgentReport(r, reportD) }, nil},
		{"act on agent B's appointment", func(r Reader) bool { return MayActAsAgent(r, agentB) }, []string{"agent B"}},
		{"act on an ended appointment", func(r Reader) bool { return MayActAsAgent(r, ended) }, nil},
		{"see a private recognition", func(r Reader) bool { return MaySeeRecognition(r, private, 70) }, []string{"atasan", "staff", "other"}},
		{"see a unit recognition", func(r Reader) bool { return MaySeeRecognition(r, public, 70) },
			[]string{"anonymous", "admin", "auditor", "leader B+C", "leader A", "leader none", "agent B", "atasan", "atasan2", "staff", "other"}},
		{"read the pledge of E", func(r Reader) bool { return MayReadPledge(r, pledgeE, accessPaths[unitE]) }, []string{"admin", "auditor", "other"}},
		{"sign the pledge of D's invitee", func(r Reader) bool { return MaySignPledge(r, inv, nil, day) }, []string{"atasan"}},
		{"sign it as Plt. of D", func(r Reader) bool { return MaySignPledge(r, inv, plt, day) }, []string{"atasan", "other"}},
		{"sign it as Plt. of another unit", func(r Reader) bool { return MaySignPledge(r, inv, pltElsewhere, day) }, []string{"atasan"}},
		{"sign it after the Plt. ended", func(r Reader) bool { return MaySignPledge(r, inv, pltOver, day) }, []string{"atasan"}},
		{"read evidence of a nomination by 71", func(r Reader) bool { return MayReadNominationEvidence(r, 71, false) }, []string{"admin", "staff"}},
		{"read it on the committee", func(r Reader) bool { return MayReadNominationEvidence(r, 71, true) },
			[]string{"anonymous", "admin", "auditor", "leader B+C", "leader A", "leader none", "agent B", "atasan", "atasan2", "staff", "other"}},
		{"follow job of user 9", func(r Reader) bool { return MaySeeJob(r, 9) }, []string{"admin", "staff"}},
		{"answer a task of 71", func(r Reader) bool { return MayAnswerTask(r, 71) }, []string{"staff"}},
		{"answer a task of nobody", func(r Reader) bool { return MayAnswerTask(r, 0) }, nil},
		{"read evidence of a commitment of B", func(r Reader) bool {
			return MayReadEvidence(r, EvidenceOwner{Kind: EvidenceOfCommitment, ID: 1, UnitID: unitB}, accessPaths[unitB])
		}, []string{"admin", "auditor", "leader B+C", "leader A"}},
		{"read evidence of agent B's action", func(r Reader) bool {
			return MayReadEvidence(r, EvidenceOwner{Kind: EvidenceOfAgentAction, ID: 1, UnitID: unitB, UserID: 6}, accessPaths[unitB])
		}, []string{"admin", "auditor", "leader B+C", "agent B"}},
		{"read evidence of agent B's monthly report", func(r Reader) bool {
			return MayReadEvidence(r, EvidenceOwner{Kind: EvidenceOfAgentReport, ID: 1, UnitID: unitB, UserID: 6}, accessPaths[unitB])
		}, []string{"admin", "auditor", "leader B+C", "agent B"}},
		{"read evidence of a checklist report of B", func(r Reader) bool {
			return MayReadEvidence(r, EvidenceOwner{Kind: EvidenceOfChecklistReport, ID: 1, UnitID: unitB}, accessPaths[unitB])
		}, []string{"admin", "auditor", "leader B+C", "agent B"}},
		{"read evidence of a checklist report of D", func(r Reader) bool {
			return MayReadEvidence(r, EvidenceOwner{Kind: EvidenceOfChecklistReport, ID: 1, UnitID: unitD}, accessPaths[unitD])
		}, []string{"admin", "auditor"}},
		{"read evidence of an unknown kind of record", func(r Reader) bool {
			return MayReadEvidence(r, EvidenceOwner{Kind: "other", ID: 1, UnitID: unitB}, accessPaths[unitB])
		}, nil},
	}
	readers := accessReaders()
	var names []string
	for name := range readers {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, rl := range rules {
		t.Run(rl.name, func(t *testing.T) {
			var got []string
			for _, name := range names {
				if rl.may(readers[name]) {
					got = append(got, name)
				}
			}
			want := slices.Clone(rl.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("allowed: got %v, want %v", got, want)
			}
		})
	}
	if MayAnswerTask(EmployeeReader(71), 71) != true || MayAnswerTask(EmployeeReader(0), 0) {
		t.Errorf("EmployeeReader: the rater answers, nobody answers for nobody")
	}
}
