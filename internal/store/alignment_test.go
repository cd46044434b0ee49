package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// alignFixture is a small instansi: a secretariat (eselon I) with two bureaus
// (eselon II), their leaders with accounts, and a staff member who can act.
type alignFixture struct {
	db                  *store.DB
	clk                 *clock
	sj, b1, b2          *budaya.Unit
	headSJ, headB1, hB2 *budaya.Employee
	staff               *budaya.Employee
	uSJ, uB1, uB2, uSt  *budaya.User
	session             *budaya.AlignmentSession
}

func newAlignFixture(t *testing.T) *alignFixture {
	t.Helper()
	clk := &clock{t: time.Date(2026, 3, 10, 3, 0, 0, 0, time.UTC)}
	db := storetest.OpenWith(t, store.Options{Now: clk.Now})
	f := &alignFixture{db: db, clk: clk}
	f.sj = mustUnit(t, db, "SJ", budaya.LevelEselon1, 0)
	f.b1 = mustUnit(t, db, "SJ.01", budaya.LevelEselon2, f.sj.ID)
	f.b2 = mustUnit(t, db, "SJ.02", budaya.LevelEselon2, f.sj.ID)
	f.headSJ = mustEmployee(t, db, "197001012000011001", "Siti Aminah", f.sj.ID, 0)
	f.headB1 = mustEmployee(t, db, "197502022001011002", "Budi Santoso", f.b1.ID, f.headSJ.ID)
	f.hB2 = mustEmployee(t, db, "198003032005012003", "Citra Lestari", f.b2.ID, f.headSJ.ID)
	f.staff = mustEmployee(t, db, "198504042010011004", "Dedi Kurniawan", f.b2.ID, f.hB2.ID)
	for _, p := range []struct {
		u *budaya.Unit
		e *budaya.Employee
	}{{f.sj, f.headSJ}, {f.b1, f.headB1}, {f.b2, f.hB2}} {
		if _, err := db.UpdateUnit(ctx, sys, p.u.ID, store.UnitUpdate{Code: p.u.Code, Name: p.u.Name, Level: p.u.Level, LeaderEmployeeID: p.e.ID}); err != nil {
			t.Fatal(err)
		}
	}
	mk := func(name string, e *budaya.Employee, unit int64) *budaya.User {
		u, err := db.CreateUser(ctx, sys, budaya.UserInput{Username: name, Password: goodPassword, EmployeeID: e.ID,
			Roles: []budaya.RoleGrant{{Role: budaya.RolePimpinan, UnitID: unit}}})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	f.uSJ, f.uB1, f.uB2, f.uSt = mk("siti", f.headSJ, f.sj.ID), mk("budi", f.headB1, f.b1.ID), mk("citra", f.hB2, f.b2.ID), mk("dedi", f.staff, 0)
	var err error
	f.session, err = db.CreateAlignmentSession(ctx, sys, budaya.SessionInput{Title: "Leader Alignment 2026", StartsAt: clk.t.Add(-time.Hour),
		EndsAt: clk.t.Add(2 * time.Hour), Place: "Aula Utama", Facilitator: "Biro Organisasi"})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *alignFixture) sign(u *budaya.User, e *budaya.Employee, unitID int64, password string, supersedes int64, reason string) (*budaya.Pledge, error) {
	return f.db.SignPledge(ctx, budaya.Actor{UserID: u.ID, Name: u.Username}, budaya.SignInput{SessionID: f.session.ID, UnitID: unitID, Signer: u,
		Password: password, TypedName: e.Name, Supersedes: supersedes, Reason: reason})
}

func TestAlignmentInviteCheckIn(t *testing.T) {
	t.Parallel()
	f := newAlignFixture(t)
	db, s := f.db, f.session
	if s.FrameworkID == 0 || len(s.CheckinToken) < 30 || !strings.Contains(s.PledgeTemplate, "{nama}") {
		t.Fatalf("session: framework %d token %q template %q", s.FrameworkID, s.CheckinToken, s.PledgeTemplate)
	}
	n, err := db.InviteByLevels(ctx, sys, s.ID, []string{budaya.LevelEselon2})
	if err != nil || n != 2 {
		t.Fatalf("invite eselon2: got %d, %v; want 2", n, err)
	}
	if n, err := db.InviteByLevels(ctx, sys, s.ID, []string{budaya.LevelEselon1, budaya.LevelEselon2}); err != nil || n != 1 {
		t.Fatalf("invite eselon1+2 again: got %d, %v; want 1 (the others are invited already)", n, err)
	}
	if err := db.InviteEmployee(ctx, sys, s.ID, f.headB1.ID, 0); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("invite twice: got %v, want invalid", err)
	}
	if _, err := db.InviteByLevels(ctx, sys, s.ID, []string{"eselon9"}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("unknown level: got %v, want invalid", err)
	}
	inv, err := db.ListInvitees(ctx, s.ID)
	if err != nil || len(inv) != 3 {
		t.Fatalf("invitees: got %d, %v; want 3", len(inv), err)
	}
	if inv[1].UnitID != f.b1.ID || inv[1].Name != "Budi Santoso" {
		t.Errorf("second invitee: got unit %d %q, want %d Budi Santoso", inv[1].UnitID, inv[1].Name, f.b1.ID)
	}
	if err := db.CheckIn(ctx, sys, s.ID, f.headB1.ID, budaya.CheckinQR, "budi"); err != nil {
		t.Fatal(err)
	}
	if err := db.CheckIn(ctx, sys, s.ID, f.headB1.ID, budaya.CheckinAdmin, "admin"); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("check in twice: got %v, want conflict", err)
	}
	if err := db.CheckIn(ctx, sys, s.ID, f.staff.ID, budaya.CheckinQR, "dedi"); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("check in of someone not invited: got %v, want not found", err)
	}
	got, _ := db.FindInvitee(ctx, s.ID, f.headB1.ID)
	if !got.Attended() || got.CheckinMethod != budaya.CheckinQR {
		t.Errorf("after check-in: attended %v method %q", got.Attended(), got.CheckinMethod)
	}
	entries, _, _ := db.ListAudit(ctx, budaya.AuditFilter{Action: "check_in"})
	if len(entries) != 1 {
		t.Errorf("check-in audit entries: got %d, want 1", len(entries))
	}
	if !s.CheckinOpen(f.clk.Now()) || s.CheckinOpen(s.EndsAt.Add(budaya.CheckinGrace+time.Minute)) || s.CheckinOpen(s.StartsAt.Add(-budaya.CheckinGrace-time.Minute)) {
		t.Error("check-in window: want open during the session and closed beyond the grace")
	}
	if err := db.RemoveInvitee(ctx, sys, s.ID, f.headSJ.ID); err != nil {
		t.Errorf("remove invitee: %v", err)
	}
}

func TestPledgeSigningRulesAndTamper(t *testing.T) {
	t.Parallel()
	f := newAlignFixture(t)
	db, s := f.db, f.session
	if _, err := db.InviteByLevels(ctx, sys, s.ID, []string{budaya.LevelEselon1, budaya.LevelEselon2}); err != nil {
		t.Fatal(err)
	}
	c, err := db.CreateCommitment(ctx, sys, budaya.CommitmentInput{SessionID: s.ID, UnitID: f.b1.ID, Title: "Apel pagi dengan pesan BerAKHLAK",
		Codes: []string{"bp", "BP1", "BP"}, DueDate: f.clk.t.AddDate(0, 3, 0), OwnerID: f.headB1.ID, Measure: "12 apel tercatat"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Codes, ",") != "BP,BP1" {
		t.Errorf("codes: got %v, want [BP BP1]", c.Codes)
	}

	refusals := []struct {
		name string
		user *budaya.User
		emp  *budaya.Employee
		pw   string
		want string
	}{
		{"wrong password", f.uB1, f.headB1, "Salah-Sekali-2024!", budaya.EINVALID},
		{"not the invitee", f.uB2, f.hB2, goodPassword, budaya.EFORBIDDEN},
		{"staff without delegation", f.uSt, f.staff, goodPassword, budaya.EFORBIDDEN},
	}
	for _, tc := range refusals {
		_, err := f.sign(tc.user, tc.emp, f.b1.ID, tc.pw, 0, "")
		if budaya.ErrorCode(err) != tc.want {
			t.Errorf("%s: got %v, want %s", tc.name, err, tc.want)
		}
	}
	if _, err := db.SignPledge(ctx, sys, budaya.SignInput{SessionID: s.ID, UnitID: f.b1.ID, Signer: f.uB1, Password: goodPassword, TypedName: "Budi"}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("typed name not the full name: got %v, want invalid", err)
	}

	p, err := f.sign(f.uB1, f.headB1, f.b1.ID, goodPassword, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Genuine() || !p.Current() || p.SHA256 != budaya.PledgeHash(p.Text) || len(p.SHA256) != 64 {
		t.Errorf("pledge: genuine %v current %v hash %s", p.Genuine(), p.Current(), p.SHA256)
	}
	for _, want := range []string{"Budi Santoso", "Unit SJ.01", "10 Maret 2026", "Berorientasi Pelayanan", "Apel pagi dengan pesan BerAKHLAK", "BP, BP1", "NIP 197502022001011002"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("pledge text lacks %q:\n%s", want, p.Text)
		}
	}
	if _, err := f.sign(f.uB1, f.headB1, f.b1.ID, goodPassword, 0, ""); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("sign twice: got %v, want conflict", err)
	}
	if _, err := f.sign(f.uB1, f.headB1, f.b1.ID, goodPassword, p.ID, ""); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("correction without reason: got %v, want invalid", err)
	}
	f.clk.Add(time.Minute)
	p2, err := f.sign(f.uB1, f.headB1, f.b1.ID, goodPassword, p.ID, "Salah ketik target")
	if err != nil {
		t.Fatal(err)
	}
	old, _ := db.FindPledge(ctx, p.ID)
	if old.Current() || old.SupersededByID != p2.ID || p2.SupersedesID != p.ID || !p2.Current() || old.Text != p.Text {
		t.Errorf("after correction: old current %v by %d, new supersedes %d", old.Current(), old.SupersededByID, p2.SupersedesID)
	}
	if _, err := f.sign(f.uB1, f.headB1, f.b1.ID, goodPassword, p.ID, "lagi"); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("correct a superseded pledge: got %v, want conflict", err)
	}

	// An acting official signs for B2 once the delegation is recorded.
	if _, err := db.CreateDelegation(ctx, sys, budaya.Delegation{UnitID: f.b2.ID, EmployeeID: f.staff.ID, Kind: budaya.ActingPlh,
		DecreeNumber: "", StartsOn: f.clk.t, EndsOn: f.clk.t}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("delegation without decree: got %v, want invalid", err)
	}
	if _, err := db.CreateDelegation(ctx, sys, budaya.Delegation{UnitID: f.b2.ID, EmployeeID: f.staff.ID, Kind: budaya.ActingPlh,
		DecreeNumber: "SP-12/2026", StartsOn: f.clk.t.AddDate(0, 0, -1), EndsOn: f.clk.t.AddDate(0, 0, 5)}); err != nil {
		t.Fatal(err)
	}
	acting, err := f.sign(f.uSt, f.staff, f.b2.ID, goodPassword, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	if acting.ActingKind != budaya.ActingPlh || acting.InviteeID != f.hB2.ID || !strings.HasPrefix(acting.SignerPosition, "Plh. ") ||
		!strings.Contains(acting.Text, "SP-12/2026") {
		t.Errorf("acting pledge: kind %q invitee %d position %q", acting.ActingKind, acting.InviteeID, acting.SignerPosition)
	}

	// The database refuses changes to a signed pledge.
	if err := db.ExecForTest(ctx, `UPDATE pledges SET text = 'x' WHERE id = ?`, p2.ID); err == nil {
		t.Error("update of a signed pledge: got no error, want refusal")
	}
	// Someone with direct database access gets past the guard: verification notices.
	drop := `DROP TRIGGER pledges_no_update`
	if db.Dialect() == store.Postgres {
		drop = `DROP TRIGGER pledges_no_change ON pledges`
	}
	if err := db.ExecForTest(ctx, drop); err != nil {
		t.Fatal(err)
	}
	if err := db.ExecForTest(ctx, `UPDATE pledges SET text = REPLACE(text, 'Apel pagi', 'Rapat') WHERE id = ?`, p2.ID); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindPledgeByHash(ctx, strings.ToUpper(p2.SHA256))
	if err != nil {
		t.Fatal(err)
	}
	if got.Genuine() {
		t.Error("tampered pledge: got genuine, want not genuine")
	}
	if _, err := db.FindPledgeByHash(ctx, strings.Repeat("0", 64)); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("unknown hash: got %v, want not found", err)
	}

	list, total, err := db.ListPledges(ctx, budaya.PledgeFilter{SessionID: s.ID, Scope: budaya.UnitScope{Paths: []string{f.b1.Path}}})
	if err != nil || total != 2 || len(list) != 2 {
		t.Errorf("pledges of B1 scope: got %d/%d, %v; want 2", len(list), total, err)
	}
}

func TestCommitmentProgressAndCoverage(t *testing.T) {
	t.Parallel()
	f := newAlignFixture(t)
	db, s := f.db, f.session
	if _, err := db.InviteByLevels(ctx, sys, s.ID, []string{budaya.LevelEselon2}); err != nil {
		t.Fatal(err)
	}
	bad := []budaya.CommitmentInput{
		{SessionID: s.ID, UnitID: f.b1.ID, Title: "", Codes: []string{"BP"}, DueDate: f.clk.t, OwnerID: f.headB1.ID, Measure: "x"},
		{SessionID: s.ID, UnitID: f.b1.ID, Title: "T", Codes: []string{"ZZ9"}, DueDate: f.clk.t, OwnerID: f.headB1.ID, Measure: "x"},
		{SessionID: s.ID, UnitID: f.b1.ID, Title: "T", Codes: nil, DueDate: f.clk.t, OwnerID: f.headB1.ID, Measure: "x"},
		{SessionID: s.ID, UnitID: f.b1.ID, Title: "T", Codes: []string{"AK"}, DueDate: f.clk.t, OwnerID: 0, Measure: "x"},
	}
	for i, in := range bad {
		if _, err := db.CreateCommitment(ctx, sys, in); budaya.ErrorCode(err) != budaya.EINVALID {
			t.Errorf("bad commitment %d: got %v, want invalid", i, err)
		}
	}
	mk := func(unit int64, due time.Time) *budaya.Commitment {
		c, err := db.CreateCommitment(ctx, sys, budaya.CommitmentInput{SessionID: s.ID, UnitID: unit, Title: "Aksi", Codes: []string{"KO", "KO2"},
			DueDate: due, OwnerID: f.headB1.ID, Measure: "Selesai"})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	late := mk(f.b1.ID, f.clk.t.AddDate(0, 0, -3))
	done := mk(f.b1.ID, f.clk.t.AddDate(0, 1, 0))
	mk(f.b2.ID, f.clk.t.AddDate(0, 1, 0))
	if err := db.AddCommitmentNote(ctx, sys, done.ID, budaya.NoteInput{Status: budaya.CommitmentInProgress, Text: "Mulai"}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddCommitmentNote(ctx, sys, done.ID, budaya.NoteInput{Status: budaya.CommitmentDone, Text: "Tuntas"}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddCommitmentNote(ctx, sys, done.ID, budaya.NoteInput{Status: "finished", Text: "x"}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("unknown status: got %v, want invalid", err)
	}
	if err := db.AddCommitmentNote(ctx, sys, done.ID, budaya.NoteInput{Text: "  "}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("empty note: got %v, want invalid", err)
	}
	got, err := db.FindCommitment(ctx, done.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != budaya.CommitmentDone || len(got.Notes) != 2 || got.Notes[1].FromStatus != budaya.CommitmentInProgress {
		t.Errorf("after notes: status %q, %d notes", got.Status, len(got.Notes))
	}
	today := f.clk.Now()
	if !late.Overdue(today) || got.Overdue(today) {
		t.Errorf("overdue: late %v done %v, want true false", late.Overdue(today), got.Overdue(today))
	}
	over, n, err := db.ListCommitments(ctx, budaya.CommitmentFilter{Scope: budaya.UnitScope{All: true}, Overdue: true, Today: today})
	if err != nil || n != 1 || over[0].ID != late.ID {
		t.Errorf("overdue list: got %d, %v", n, err)
	}
	if _, n, _ := db.ListCommitments(ctx, budaya.CommitmentFilter{Scope: budaya.UnitScope{Paths: []string{f.b2.Path}}}); n != 1 {
		t.Errorf("commitments in B2 scope: got %d, want 1", n)
	}

	if _, err := f.sign(f.uB1, f.headB1, f.b1.ID, goodPassword, 0, ""); err != nil {
		t.Fatal(err)
	}
	if err := db.CheckIn(ctx, sys, s.ID, f.headB1.ID, budaya.CheckinAdmin, "admin"); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Coverage(ctx, budaya.CoverageFilter{SessionID: s.ID, Scope: budaya.UnitScope{All: true}}, today)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]budaya.CoverageRow{}
	for _, r := range rows {
		byCode[r.UnitCode] = r
	}
	b1, sj := byCode["SJ.01"], byCode["SJ"]
	if len(rows) != 3 || !b1.Invited || !b1.Attended || !b1.Signed || b1.Planned != 1 || b1.Done != 1 || b1.Overdue != 1 || sj.Invited {
		t.Errorf("coverage: %d rows; B1 %+v; SJ invited %v", len(rows), b1, sj.Invited)
	}
	rows, _ = db.Coverage(ctx, budaya.CoverageFilter{Level: budaya.LevelEselon2, Scope: budaya.UnitScope{Paths: []string{f.b2.Path}}}, today)
	if len(rows) != 1 || rows[0].UnitCode != "SJ.02" || rows[0].Signed || rows[0].Planned != 1 {
		t.Errorf("coverage of B2 scope: got %+v", rows)
	}
}
