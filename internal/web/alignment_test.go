package web_test

import (
	"database/sql"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/blob"
	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/pdfdoc"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

// alignOrg is a secretariat with two bureaus, their leaders with accounts,
// and a staff member, on a test server.
type alignOrg struct {
	ts            *testServer
	sj, b1, b2    *budaya.Unit
	lead1, lead2  *budaya.Employee
	staff         *budaya.Employee
	admin, c1, c2 *client
	staffC, audit *client
	sessionID     int64
	checkinToken  string
	dsn           string
}

func newAlignOrg(t *testing.T) *alignOrg {
	t.Helper()
	dsn := storetest.DSN(t)
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	blobs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{DB: db, Version: "test", Blobs: blobs})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	ts := &testServer{Server: hs, db: db, srv: srv}
	sys := budaya.SystemActor("test")
	o := &alignOrg{ts: ts, dsn: dsn}
	unit := func(code, level string, parent int64) *budaya.Unit {
		u, err := ts.db.CreateUnit(ctx, sys, budaya.Unit{Code: code, Name: "Biro " + code, Level: level, ParentID: parent})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	emp := func(nip, name string, u *budaya.Unit) *budaya.Employee {
		e, err := ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: nip, Name: name, UnitID: u.ID, Position: "Kepala " + u.Name})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	o.sj = unit("SJ", budaya.LevelEselon1, 0)
	o.b1 = unit("SJ.01", budaya.LevelEselon2, o.sj.ID)
	o.b2 = unit("SJ.02", budaya.LevelEselon2, o.sj.ID)
	o.lead1 = emp("197502022001011002", "Budi Santoso", o.b1)
	o.lead2 = emp("198003032005012003", "Citra Lestari", o.b2)
	o.staff = emp("198504042010011004", "Dedi Kurniawan", o.b2)
	for _, p := range []struct {
		u *budaya.Unit
		e *budaya.Employee
	}{{o.b1, o.lead1}, {o.b2, o.lead2}} {
		if _, err := ts.db.UpdateUnit(ctx, sys, p.u.ID, store.UnitUpdate{Code: p.u.Code, Name: p.u.Name, Level: p.u.Level, LeaderEmployeeID: p.e.ID}); err != nil {
			t.Fatal(err)
		}
	}
	account := func(name string, e *budaya.Employee, grants ...budaya.RoleGrant) {
		if _, err := ts.db.CreateUser(ctx, sys, budaya.UserInput{Username: name, Password: testPassword, EmployeeID: e.ID, Roles: grants}); err != nil {
			t.Fatal(err)
		}
	}
	account("budi", o.lead1, budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: o.b1.ID})
	account("citra", o.lead2, budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: o.b2.ID})
	account("dedi", o.staff, budaya.RoleGrant{Role: budaya.RolePegawai})
	ts.mustUser(t, "admin1", budaya.RoleAdmin)
	ts.mustUser(t, "auditor1", budaya.RoleAuditor)
	o.admin, o.c1, o.c2, o.staffC, o.audit = ts.login(t, "admin1"), ts.login(t, "budi"), ts.login(t, "citra"), ts.login(t, "dedi"), ts.login(t, "auditor1")

	now := time.Now().UTC()
	res := o.admin.postForm("/alignment", url.Values{"title": {"Leader Alignment Session 2026"}, "starts_at": {now.Add(-time.Hour).Format("2006-01-02T15:04")},
		"ends_at": {now.Add(2 * time.Hour).Format("2006-01-02T15:04")}, "place": {"Aula"}, "facilitator": {"Biro Organisasi"},
		"pledge_template": {budaya.DefaultPledgeTemplate}, "levels": {"eselon2"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create session: got %d, want 303", res.StatusCode)
	}
	loc := res.Header.Get("Location")
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.Split(loc, "?")[0], "/alignment/"), 10, 64)
	if err != nil {
		t.Fatalf("redirect %q: %v", loc, err)
	}
	o.sessionID = id
	s, err := ts.db.FindAlignmentSession(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	o.checkinToken = s.CheckinToken
	return o
}

func (o *alignOrg) path(suffix string) string {
	return "/alignment/" + strconv.FormatInt(o.sessionID, 10) + suffix
}

func sprintf(format string, args ...any) string {
	for _, a := range args {
		format = strings.Replace(format, "%d", strconv.FormatInt(a.(int64), 10), 1)
	}
	return format
}

func TestAlignmentPlanCheckInSignVerify(t *testing.T) {
	t.Parallel()
	o := newAlignOrg(t)
	ts := o.ts

	// Bad input in the plan gets a clear message, not a 500.
	_, body := o.admin.postFormBody("/alignment", url.Values{"title": {"X"}, "starts_at": {"2026-01-01T10:00"}, "ends_at": {"2026-01-01T09:00"}, "place": {"Aula"}})
	if !strings.Contains(body, "Jam selesai harus sesudah jam mulai") {
		t.Errorf("end before start: message missing")
	}
	res, body := o.admin.get(o.path(""))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Budi Santoso") || !strings.Contains(body, "Citra Lestari") {
		t.Fatalf("session page: got %d, want both eselon II leaders invited", res.StatusCode)
	}

	// Check-in through the QR link: the invitee, once; a staff member not invited is refused.
	if res, _ := o.admin.get(o.path("/qr.png")); res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/png" {
		t.Errorf("QR image: got %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if res, _ := o.staffC.get("/checkin/" + o.checkinToken); res.StatusCode != http.StatusForbidden {
		t.Errorf("check-in by someone not invited: got %d, want 403", res.StatusCode)
	}
	if res, _ := o.c1.get("/checkin/wrong-token"); res.StatusCode != http.StatusNotFound {
		t.Errorf("check-in with an unknown token: got %d, want 404", res.StatusCode)
	}
	form := url.Values{"employee_id": {strconv.FormatInt(o.lead1.ID, 10)}}
	if res := o.c1.postForm("/checkin/"+o.checkinToken, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("check in: got %d, want 303", res.StatusCode)
	}
	if res := o.c1.postForm("/checkin/"+o.checkinToken, form); res.StatusCode != http.StatusConflict {
		t.Errorf("check in twice: got %d, want 409", res.StatusCode)
	}
	if res := o.admin.postForm(sprintf("/alignment/%d/invitees/%d/attend", o.sessionID, o.lead2.ID), nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("admin ticks attendance: got %d", res.StatusCode)
	}

	// A commitment before signing, so that the pledge names it.
	res = o.c1.postForm("/commitments", url.Values{"unit": {strconv.FormatInt(o.b1.ID, 10)}, "session": {strconv.FormatInt(o.sessionID, 10)},
		"title": {"Apel pagi dengan pesan BerAKHLAK"}, "codes": {"BP", "BP1"}, "due_date": {time.Now().AddDate(0, 2, 0).Format("2006-01-02")}, "measure": {"8 apel"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add commitment: got %d", res.StatusCode)
	}
	commitmentPath := strings.Split(res.Header.Get("Location"), "?")[0]
	if res := o.c2.postForm("/commitments", url.Values{"unit": {strconv.FormatInt(o.b1.ID, 10)}, "title": {"x"}, "codes": {"BP"},
		"due_date": {"2027-01-01"}, "measure": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("commitment for another leader's unit: got %d, want 403", res.StatusCode)
	}

	signPath := sprintf("/alignment/%d/sign/%d", o.sessionID, o.b1.ID)
	res, body = o.c1.get(signPath)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Apel pagi dengan pesan BerAKHLAK") {
		t.Fatalf("sign page: got %d, want the unit's commitment in the text", res.StatusCode)
	}
	refusals := []struct {
		name string
		c    *client
		form url.Values
		want int
		msg  string
	}{
		{"wrong password", o.c1, url.Values{"full_name": {"Budi Santoso"}, "password": {"Salah-Sekali-2024!"}}, http.StatusBadRequest, "Kata sandi salah"},
		{"wrong name", o.c1, url.Values{"full_name": {"Budi"}, "password": {testPassword}}, http.StatusBadRequest, "Nama yang diketik"},
		{"not the invitee", o.c2, url.Values{"full_name": {"Citra Lestari"}, "password": {testPassword}}, http.StatusForbidden, "Hanya Budi Santoso"},
	}
	for _, tc := range refusals {
		res, body := tc.c.postFormBody(signPath, tc.form)
		if res.StatusCode != tc.want || !strings.Contains(body, tc.msg) {
			t.Errorf("%s: got %d, want %d with %q", tc.name, res.StatusCode, tc.want, tc.msg)
		}
	}
	res = o.c1.postForm(signPath, url.Values{"full_name": {"budi santoso"}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/pledges/") {
		t.Fatalf("sign: got %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	pledgePath := strings.Split(res.Header.Get("Location"), "?")[0]
	if res, body := o.c1.postFormBody(signPath, url.Values{"full_name": {"Budi Santoso"}, "password": {testPassword}}); res.StatusCode != http.StatusConflict || !strings.Contains(body, "sudah ditandatangani") {
		t.Errorf("sign twice: got %d, want 409 saying it is signed", res.StatusCode)
	}

	var p struct {
		ID     int64  `json:"id"`
		SHA256 string `json:"sha256"`
		Text   string `json:"text"`
	}
	o.c1.getJSON("/api/v1"+pledgePath, &p)
	if len(p.SHA256) != 64 || !strings.Contains(p.Text, "Budi Santoso") {
		t.Fatalf("API pledge: sha256 %q", p.SHA256)
	}
	if res, _ := o.c2.get(pledgePath); res.StatusCode != http.StatusNotFound {
		t.Errorf("another bureau's leader opens the pledge: got %d, want 404", res.StatusCode)
	}
	res, body = o.c1.get(pledgePath + "/pdf")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF") {
		t.Errorf("pledge PDF: got %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	// The note under the QR code is not stretched word by word ("Pindai      kode      QR").
	texts, err := pdfdoc.Texts([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, x := range texts {
		if strings.HasPrefix(x.S, "Pindai kode QR") {
			found = true
			if x.WordSpacing != 0 {
				t.Errorf("pledge PDF: %q is justified (word spacing %.2f)", x.S, x.WordSpacing)
			}
		}
	}
	if !found {
		t.Errorf("pledge PDF: no line starting with the QR note")
	}
	anon := ts.anonymous(t)
	if err := ts.db.SetSetting(ctx, budaya.SystemActor("test"), store.SettingInstansiName, "Kementerian Contoh"); err != nil {
		t.Fatal(err)
	}
	res, body = anon.get("/verify/" + p.SHA256)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "ASLI dan BERLAKU") || strings.Contains(body, "197502022001011002") {
		t.Errorf("verify: got %d; want genuine and current, without the NIP", res.StatusCode)
	}
	if !strings.Contains(body, `<p class="muted" id="verify-instansi">Kementerian Contoh</p>`) {
		t.Errorf("verify: the page does not name the instansi")
	}
	res, body = anon.get("/verify/" + strings.Repeat("ab", 32))
	if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "Tidak ada pakta komitmen dengan sidik ini") {
		t.Errorf("verify unknown: got %d, want 404 saying so", res.StatusCode)
	}

	// A correction supersedes; both are kept; the old one cannot be corrected again.
	res = o.c1.postForm(signPath, url.Values{"full_name": {"Budi Santoso"}, "password": {testPassword}, "supersedes": {strconv.FormatInt(p.ID, 10)},
		"reason": {"Target apel diperbaiki"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("correction: got %d", res.StatusCode)
	}
	if _, body := anon.get("/verify/" + p.SHA256); !strings.Contains(body, "DIGANTIKAN") {
		t.Error("verify superseded: want it to say superseded")
	}
	if res := o.c1.postForm(signPath, url.Values{"full_name": {"Budi Santoso"}, "password": {testPassword}, "supersedes": {strconv.FormatInt(p.ID, 10)},
		"reason": {"lagi"}}); res.StatusCode != http.StatusConflict {
		t.Errorf("correct a superseded pledge: got %d, want 409", res.StatusCode)
	}

	// Tampering with the stored text makes verification fail.
	o.tamper(t, p.ID)
	if _, body := anon.get("/verify/" + p.SHA256); !strings.Contains(body, "TIDAK ASLI") {
		t.Error("verify tampered: want not genuine")
	}

	// Attendance list as PDF and XLSX.
	if res, body := o.admin.get(o.path("/attendance.pdf")); res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF") {
		t.Errorf("attendance PDF: got %d", res.StatusCode)
	}
	if res, body := o.audit.get(o.path("/attendance.xlsx")); res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "PK") {
		t.Errorf("attendance XLSX: got %d", res.StatusCode)
	}

	// Evidence: a real PNG is kept; a text file named .pdf is refused and adds no note.
	if res, body := o.c1.postMultipart(commitmentPath+"/progress", url.Values{"status": {"in_progress"}, "note": {"Apel pertama"}},
		map[string][]byte{"foto apel.png": []byte("\x89PNG\r\n\x1a\n....")}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("progress with evidence: got %d %s", res.StatusCode, body)
	}
	if res, body := o.c1.postMultipart(commitmentPath+"/progress", url.Values{"status": {"done"}, "note": {"Selesai"}},
		map[string][]byte{"laporan.pdf": []byte("just text, not a pdf")}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "tidak sesuai") {
		t.Errorf("fake PDF: got %d, want 422 saying the file is not what it claims", res.StatusCode)
	}
	_, body = o.c1.get(commitmentPath)
	if !strings.Contains(body, "foto apel.png") || strings.Contains(body, "laporan.pdf") || !strings.Contains(body, `id="commit-status">berjalan`) {
		t.Errorf("commitment page after progress: want the PNG, no PDF, status in progress")
	}

	// Coverage: the leader of B2 sees only B2; the admin sees both, and exports.
	_, body = o.c2.get("/alignment/coverage")
	if !strings.Contains(body, "SJ.02") || strings.Contains(body, "SJ.01") {
		t.Error("coverage for the leader of SJ.02: want only SJ.02")
	}
	res, body = o.admin.get("/alignment/coverage/export?format=csv&session=" + strconv.FormatInt(o.sessionID, 10))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "SJ.01,Biro SJ.01,eselon2") {
		t.Errorf("coverage export: got %d %q", res.StatusCode, body)
	}
	var list struct {
		Items []struct {
			SHA256 string `json:"sha256"`
		} `json:"items"`
		Total int `json:"total"`
	}
	o.c1.getJSON("/api/v1/pledges", &list)
	if list.Total != 2 || len(list.Items[0].SHA256) != 64 {
		t.Errorf("API pledges for the leader: got %d", list.Total)
	}
	o.c2.getJSON("/api/v1/pledges", &list)
	if list.Total != 0 {
		t.Errorf("API pledges for the other leader: got %d, want 0", list.Total)
	}
	entries, _, _ := ts.db.ListAudit(ctx, budaya.AuditFilter{Entity: "pledge", Action: "sign"})
	if len(entries) != 2 {
		t.Errorf("sign audit entries: got %d, want 2", len(entries))
	}
}

// tamper changes the stored text of a pledge behind budaya's back, as someone
// with direct access to the database could: past the guard trigger.
func (o *alignOrg) tamper(t *testing.T, id int64) {
	t.Helper()
	driver, drop := "sqlite", `DROP TRIGGER pledges_no_update`
	if o.ts.db.Dialect() == store.Postgres {
		driver, drop = "pgx", `DROP TRIGGER pledges_no_change ON pledges`
	}
	raw, err := sql.Open(driver, o.dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(drop); err != nil {
		t.Fatal(err)
	}
	q := `UPDATE pledges SET text = text || ' ' WHERE id = ?`
	if driver == "pgx" {
		q = strings.Replace(q, "?", "$1", 1)
	}
	if _, err := raw.Exec(q, id); err != nil {
		t.Fatal(err)
	}
}
