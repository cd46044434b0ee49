package budaya

import (
	"slices"
	"strings"
	"time"
)

// The access model (docs/architecture.md, "Access model"): who the reader is
// is resolved once per request into a Reader, from the user's role grants
// alone; every list is filtered by the Reader's scope, and every record-level
// decision is one of the pure functions below. Web handlers and the store call
// them; none of them reads a database, so each is tested by a table of
// readers × records (access_test.go).

// UnitRef names a unit and where it stands in the tree ("/1/5/").
type UnitRef struct {
	ID   int64
	Path string
}

// Reader is who reads or acts in one request: the user, and the units they
// lead (pimpinan grants) and serve (agen perubahan grants), each with its
// path as the tree stands today. Unit leadership comes from the grants only;
// units.leader_employee_id is the name shown on the unit's page and on
// pledges, never a right.
type Reader struct {
	User   *User
	Led    []UnitRef // units of the pimpinan grants, in grant order
	Served []UnitRef // units of the agen perubahan grants
}

// NewReader resolves the reader u from their grants; pathOf holds the path of
// each unit a grant names. A grant whose unit has no path (deleted) gives no
// access. A nil u is the anonymous reader, who leads nothing.
func NewReader(u *User, pathOf map[int64]string) Reader {
	r := Reader{User: u}
	if u == nil {
		return r
	}
	for _, g := range u.Roles {
		if g.UnitID == 0 {
			continue
		}
		p, ok := pathOf[g.UnitID]
		if !ok || p == "" {
			continue
		}
		ref := UnitRef{ID: g.UnitID, Path: p}
		switch g.Role {
		case RolePimpinan:
			if !slices.Contains(r.Led, ref) {
				r.Led = append(r.Led, ref)
			}
		case RoleAgenPerubahan:
			if !slices.Contains(r.Served, ref) {
				r.Served = append(r.Served, ref)
			}
		}
	}
	return r
}

// GrantUnitIDs lists the units u's grants name: what NewReader needs the paths of.
func GrantUnitIDs(u *User) []int64 {
	var out []int64
	if u == nil {
		return out
	}
	for _, g := range u.Roles {
		if g.UnitID != 0 && UnitScoped(g.Role) && !slices.Contains(out, g.UnitID) {
			out = append(out, g.UnitID)
		}
	}
	return out
}

// Has reports whether the reader holds role (for any unit).
func (r Reader) Has(role Role) bool { return r.User.HasRole(role) }

// EmployeeID is the reader's employee record, 0 when the account has none.
func (r Reader) EmployeeID() int64 {
	if r.User == nil {
		return 0
	}
	return r.User.EmployeeID
}

// SeesAll reports whether the reader sees every unit: admins and auditors.
func (r Reader) SeesAll() bool { return r.Has(RoleAdmin) || r.Has(RoleAuditor) }

// Scope is the part of the tree the reader may see by unit: all of it for
// admins and auditors, else the subtrees of the units they lead (no paths
// at all when they lead none).
func (r Reader) Scope() UnitScope {
	if r.SeesAll() {
		return UnitScope{All: true}
	}
	sc := UnitScope{Paths: []string{}}
	for _, u := range r.Led {
		sc.Paths = appendPath(sc.Paths, u.Path)
	}
	return sc
}

// ScopeIn is Scope in a period whose snapshot froze the tree: snapshot gives
// the frozen path of each unit. A led unit counts with its subtree both as
// frozen and as the tree stands today, so a unit moved since the snapshot
// neither hides the leader's own figures nor shows another leader's.
func (r Reader) ScopeIn(snapshot map[int64]string) UnitScope {
	sc := r.Scope()
	if sc.All {
		return sc
	}
	for _, u := range r.Led {
		if p, ok := snapshot[u.ID]; ok && p != "" {
			sc.Paths = appendPath(sc.Paths, p)
		}
	}
	return sc
}

func appendPath(paths []string, p string) []string {
	if slices.Contains(paths, p) {
		return paths
	}
	return append(paths, p)
}

// LedIDs lists the ids of the units the reader leads.
func (r Reader) LedIDs() []int64 {
	out := []int64{}
	for _, u := range r.Led {
		out = append(out, u.ID)
	}
	return out
}

// Leads reports whether the reader holds pimpinan for unit id itself.
func (r Reader) Leads(id int64) bool {
	return slices.ContainsFunc(r.Led, func(u UnitRef) bool { return u.ID == id })
}

// LeadsAbove reports whether the unit at path lies in a subtree the reader leads.
func (r Reader) LeadsAbove(path string) bool {
	return path != "" && slices.ContainsFunc(r.Led, func(u UnitRef) bool { return strings.HasPrefix(path, u.Path) })
}

// MaySeeUnit reports whether the reader may see what is listed by the unit
// at path: its staff, commitments, pledges, response rates, index figures.
func MaySeeUnit(r Reader, path string) bool {
	return r.Scope().Contains(path)
}

// MaySeeEmployee reports whether the reader may open employee e, whose unit
// has path unitPath: the employee themself, admins and auditors, and the
// leaders of the subtree e works in.
func MaySeeEmployee(r Reader, e *Employee, unitPath string) bool {
	return (r.EmployeeID() != 0 && r.EmployeeID() == e.ID) || MaySeeUnit(r, unitPath)
}

// MayRate reports whether the reader may record perilaku kerja expectations,
// feedback and ratings for e: e's direct atasan (pejabat penilai), or an admin.
func MayRate(r Reader, e *Employee) bool {
	return r.Has(RoleAdmin) || (r.EmployeeID() != 0 && e.SupervisorID == r.EmployeeID())
}

// MayViewPerilaku reports whether the reader may read e's perilaku kerja
// assessment: e, whoever may rate e, the atasan of e's atasan
// (supervisorOfSupervisor, 0 when none), and auditors.
func MayViewPerilaku(r Reader, e *Employee, supervisorOfSupervisor int64) bool {
	me := r.EmployeeID()
	return MayRate(r, e) || r.Has(RoleAuditor) || (me != 0 && (me == e.ID || me == supervisorOfSupervisor))
}

// MayReadReport360 reports whether the reader may read employeeID's 360
// report: the employee, an admin, or someone in the employee's atasan line
// as frozen in the period (inAtasanLine, which the store answers).
func MayReadReport360(r Reader, employeeID int64, inAtasanLine bool) bool {
	me := r.EmployeeID()
	return r.Has(RoleAdmin) || (me != 0 && (me == employeeID || inAtasanLine))
}

// MayDecideAgentReport reports whether the reader may approve or return an
// agent's monthly report: a pimpinan holding the grant for the agent's unit.
func MayDecideAgentReport(r Reader, rep *AgentReport) bool {
	return r.Has(RolePimpinan) && r.Leads(rep.UnitID)
}

// MayActAsAgent reports whether the reader may log actions and reports on
// appointment a: only the appointed agent's own account, while it runs.
func MayActAsAgent(r Reader, a *ChangeAgent) bool {
	return r.User != nil && r.User.ID != 0 && a.UserID == r.User.ID && a.EndedAt.IsZero()
}

// MayReadPledge reports whether the reader may open pledge p, whose unit
// has path unitPath: its signer, the employee invited for the unit, and
// whoever may see the unit (admins, auditors, leaders of it or above).
func MayReadPledge(r Reader, p *Pledge, unitPath string) bool {
	me := r.EmployeeID()
	return (r.User != nil && p.SignerUserID == r.User.ID) || (me != 0 && p.InviteeID == me) || MaySeeUnit(r, unitPath)
}

// MaySignPledge reports whether the reader may sign the pledge of invitee
// inv on day (a date at midnight UTC): the invitee, or the employee recorded
// as Plt./Plh. for the unit that day (acting: their delegation, nil if none).
func MaySignPledge(r Reader, inv *Invitee, acting *Delegation, day time.Time) bool {
	me := r.EmployeeID()
	if me == 0 {
		return false
	}
	if me == inv.EmployeeID {
		return true
	}
	return acting != nil && acting.EmployeeID == me && acting.UnitID == inv.UnitID &&
		!day.Before(acting.StartsOn) && !day.After(acting.EndsOn)
}

// MayReadNominationEvidence reports whether the reader may download a file
// given with a nomination made by nominatorID: the nominator, the round's
// committee (onCommittee) and admins.
func MayReadNominationEvidence(r Reader, nominatorID int64, onCommittee bool) bool {
	return onCommittee || r.Has(RoleAdmin) || (r.EmployeeID() != 0 && r.EmployeeID() == nominatorID)
}

// MaySeeRecognition reports whether the reader may read rec: every
// unit-visible recognition, and a private one only by its sender, its
// recipient and the recipient's atasan langsung (recipientSupervisor).
func MaySeeRecognition(r Reader, rec *Recognition, recipientSupervisor int64) bool {
	if rec.Visibility == VisibilityUnit {
		return true
	}
	me := r.EmployeeID()
	return me != 0 && (me == rec.SenderID || me == rec.RecipientID || me == recipientSupervisor)
}

// MaySeeJob reports whether the reader may follow a background job made by
// createdBy (a user id): its creator, or an admin.
func MaySeeJob(r Reader, createdBy int64) bool {
	return r.Has(RoleAdmin) || (r.User != nil && r.User.ID != 0 && r.User.ID == createdBy)
}

// EmployeeReader is the reader known only by their employee record, for store
// methods whose callers pass the employee who acts.
func EmployeeReader(employeeID int64) Reader {
	return Reader{User: &User{EmployeeID: employeeID}}
}

// MayAnswerTask reports whether the reader may answer a measurement task
// given to raterEmployeeID: only that rater, never on their behalf.
func MayAnswerTask(r Reader, raterEmployeeID int64) bool {
	return r.EmployeeID() != 0 && r.EmployeeID() == raterEmployeeID
}

// MayReadEvidence reports whether the reader may download an internal
// evidence file attached to record o, whose unit has path unitPath, by that
// record's own rule: a commitment's by whoever may see its unit; a change
// agent's action or monthly report by the agent, the pimpinan of the agent's
// unit (who decides the reports), admins and auditors; a checklist report by those who
// report for its unit (its pimpinan and agen perubahan), admins, who verify
// it, and auditors.
func MayReadEvidence(r Reader, o EvidenceOwner, unitPath string) bool {
	switch o.Kind {
	case EvidenceOfCommitment:
		return MaySeeUnit(r, unitPath)
	case EvidenceOfAgentAction, EvidenceOfAgentReport:
		return r.SeesAll() || (r.User != nil && r.User.ID != 0 && r.User.ID == o.UserID) || (r.Has(RolePimpinan) && r.Leads(o.UnitID))
	case EvidenceOfChecklistReport:
		return r.SeesAll() || r.Leads(o.UnitID) || slices.ContainsFunc(r.Served, func(u UnitRef) bool { return u.ID == o.UnitID })
	}
	return false
}
