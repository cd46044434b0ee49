package web_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// kioskWorld is a server with an admin, an organisation of one unit and an
// open survey period whose raters are the unit's staff.
type kioskWorld struct {
	ts     *testServer
	org    *storetest.Org
	period int64
	codes  []string // the framework's behaviour codes
}

func newKioskWorld(t *testing.T) *kioskWorld {
	t.Helper()
	ts := newTestServer(t)
	ts.mustUser(t, "admin_aktivasi", budaya.RoleAdmin)
	if err := ts.db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	org := storetest.MakeOrg(t, ts.db, 1, 3)
	f, err := ts.db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().UTC().Add(-24 * time.Hour)
	p, err := ts.db.CreatePeriod(ctx, budaya.SystemActor("test"), budaya.PeriodInput{Name: "Survei kios", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, MinGroup: 3, UnitIDs: []int64{org.Units[0]}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.db.OpenPeriod(ctx, budaya.SystemActor("test"), p.ID); err != nil {
		t.Fatal(err)
	}
	if err := ts.db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatal(err)
	}
	return &kioskWorld{ts: ts, org: org, period: p.ID, codes: f.BehaviourCodes()}
}

func csvRows(t *testing.T, body string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v\n%s", err, body)
	}
	return rows
}

func TestActivationPageDownloads(t *testing.T) {
	t.Parallel()
	w := newKioskWorld(t)
	admin := w.ts.login(t, "admin_aktivasi")
	res, body := admin.get("/admin/activation")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `name="unit_id"`) || !strings.Contains(body, "Survei kios") {
		t.Fatalf("activation page: got %d, want the form with units and periods", res.StatusCode)
	}
	unit := strconv.FormatInt(w.org.Units[0], 10)

	res, body = admin.postFormBody("/admin/activation", url.Values{"by": {"unit"}, "unit_id": {unit}, "format": {"csv"}})
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("CSV: got %d %q cache %q, want 200 text/csv no-store", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
	}
	if !strings.Contains(res.Header.Get("Content-Disposition"), ".csv") {
		t.Errorf("CSV disposition: %q", res.Header.Get("Content-Disposition"))
	}
	rows := csvRows(t, body)
	if len(rows) != 5 || rows[0][0] != "NIP" {
		t.Fatalf("CSV rows: got %d (%v), want a header and 4 (the leader and 3 staff)", len(rows), rows[0])
	}
	linkRe := regexp.MustCompile(`^http://[^/]+(/password/[A-Za-z0-9_-]{43})$`)
	var firstLinks []string
	for _, r := range rows[1:] {
		m := linkRe.FindStringSubmatch(r[4])
		if m == nil || len(r[5]) != budaya.KioskCodeLength+1 {
			t.Fatalf("row %v: want a /password/ link and a kiosk code", r)
		}
		firstLinks = append(firstLinks, m[1])
		if res, _ := w.ts.anonymous(t).get(m[1]); res.StatusCode != http.StatusOK {
			t.Errorf("link %s: got %d, want the password form", m[1], res.StatusCode)
		}
	}

	// The subtree as PDF, as the period's raters: the links of the first file stop working.
	res, body = admin.postFormBody("/admin/activation", url.Values{"by": {"unit"}, "unit_id": {strconv.FormatInt(w.org.Root, 10)}, "subtree": {"1"}, "format": {"pdf"}})
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
		t.Fatalf("PDF: got %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if n := bytes.Count([]byte(body), []byte("/Subtype /Image")); n != 5 {
		t.Errorf("PDF slips (QR images): got %d, want 5 (head, leader, 3 staff)", n)
	}
	for _, l := range firstLinks {
		if res, _ := w.ts.anonymous(t).get(l); res.StatusCode != http.StatusNotFound {
			t.Errorf("older link %s after a new batch: got %d, want 404", l, res.StatusCode)
		}
	}
	res, body = admin.postFormBody("/admin/activation", url.Values{"by": {"period"}, "period_id": {strconv.FormatInt(w.period, 10)}, "format": {"csv"}})
	if res.StatusCode != http.StatusOK || len(csvRows(t, body)) != 5 {
		t.Errorf("period raters: got %d, %d rows; want 200 and 4 raters", res.StatusCode, len(csvRows(t, body))-1)
	}

	for _, tc := range []struct {
		name string
		form url.Values
		want string
	}{
		{"no unit", url.Values{"by": {"unit"}, "format": {"csv"}}, "Pilih unitnya"},
		{"no format", url.Values{"by": {"unit"}, "unit_id": {unit}}, "Pilih CSV atau PDF"},
		{"unknown period", url.Values{"by": {"period"}, "period_id": {"987654"}, "format": {"csv"}}, "tidak ditemukan"},
	} {
		res, body := admin.postFormBody("/admin/activation", tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tc.want) || !strings.Contains(body, `name="unit_id"`) {
			t.Errorf("%s: got %d, want 422 with %q on the form", tc.name, res.StatusCode, tc.want)
		}
	}
	// Everybody of the unit sets a password: nobody is left to activate.
	for _, e := range append([]int64{w.org.Leaders[0]}, w.org.Staff[0]...) {
		u, err := w.ts.db.FindEmployeeUser(ctx, e)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.ts.db.SetPassword(ctx, budaya.SystemActor("test"), u.ID, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	res, body = admin.postFormBody("/admin/activation", url.Values{"by": {"unit"}, "unit_id": {unit}, "format": {"pdf"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "semua sudah dapat masuk") {
		t.Errorf("nobody left: got %d, want 422 saying everyone can sign in", res.StatusCode)
	}
	entries, _, err := w.ts.db.ListAudit(ctx, budaya.AuditFilter{Action: "activation_batch", PerPage: 10})
	if err != nil || len(entries) != 3 {
		t.Errorf("audit: got %d batches (%v), want 3", len(entries), err)
	}
}

func kioskSlips(t *testing.T, w *kioskWorld) []store.ActivationSlip {
	t.Helper()
	b, err := w.ts.db.CreateActivationBatch(ctx, budaya.SystemActor("test"), store.ActivationTarget{PeriodID: w.period})
	if err != nil {
		t.Fatal(err)
	}
	return b.Slips
}

func TestKioskSignInAndOut(t *testing.T) {
	t.Parallel()
	w := newKioskWorld(t)
	slips := kioskSlips(t, w)
	s := slips[0]
	c := w.ts.anonymous(t)

	res, body := c.get("/kiosk")
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("kiosk page: got %d, cache %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	for _, want := range []string{`name="nip"`, `name="code"`, `<form method="post" action="/kiosk" class="form" autocomplete="off">`} {
		if !strings.Contains(body, want) {
			t.Errorf("kiosk page lacks %s", want)
		}
	}
	if strings.Contains(body, `autocomplete="username"`) || strings.Contains(body, `autocomplete="current-password"`) {
		t.Error("kiosk fields invite the browser to remember them")
	}
	res, body = c.postFormBody("/kiosk", url.Values{"nip": {s.Identifier}, "code": {"AAAA-AAAA"}})
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "NIP atau kode salah") || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("wrong code: got %d, want 401 with the message, no-store", res.StatusCode)
	}
	res = c.postForm("/kiosk", url.Values{"nip": {s.Identifier}, "code": {strings.ToLower(s.Code)}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/tasks" {
		t.Fatalf("kiosk sign-in: got %d to %q, want 303 to /tasks", res.StatusCode, res.Header.Get("Location"))
	}
	cookie := res.Header.Get("Set-Cookie")
	if !strings.Contains(cookie, "budaya_session=") || strings.Contains(cookie, "Max-Age") || strings.Contains(cookie, "Expires") || !strings.Contains(cookie, "SameSite=Strict") {
		t.Errorf("kiosk cookie %q: want a browser-session cookie (no Max-Age), SameSite=Strict", cookie)
	}
	res, body = c.get("/tasks")
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("kiosk tasks: got %d, cache %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	if strings.Contains(body, `id="main-nav"`) || !strings.Contains(body, `action="/kiosk/done"`) || !strings.Contains(body, `data-kiosk-idle=`) {
		t.Error("kiosk tasks page: want no navigation, the done button and the idle timer")
	}
	m := csrfMeta.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no csrf token on the kiosk page")
	}
	c.csrf = m[1]
	taskLink := regexp.MustCompile(`href="(/tasks/\d+)"`).FindStringSubmatch(body)
	if taskLink == nil {
		t.Fatal("no task link on the kiosk tasks page")
	}
	res, body = c.get(taskLink[1])
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" || !strings.Contains(body, `autocomplete="off"`) {
		t.Errorf("kiosk task: got %d, cache %q; want 200 no-store, form without autocomplete", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	// Everything else is out of reach of a kiosk session.
	if res, _ := c.get("/profile"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/tasks" {
		t.Errorf("kiosk to /profile: got %d to %q, want 303 to /tasks", res.StatusCode, res.Header.Get("Location"))
	}
	if res := c.postForm("/profile/tokens", url.Values{"name": {"curi"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("kiosk making an API token: got %d, want 403", res.StatusCode)
	}
	if res, _ := c.get("/api/v1/me"); res.StatusCode != http.StatusForbidden {
		t.Errorf("kiosk on the API: got %d, want 403", res.StatusCode)
	}

	res = c.postForm("/kiosk/done", nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/kiosk?msg=kiosk_done" {
		t.Fatalf("done: got %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if csd := res.Header.Get("Clear-Site-Data"); csd != `"storage"` {
		t.Errorf("Clear-Site-Data: got %q", csd)
	}
	if !strings.Contains(res.Header.Get("Set-Cookie"), "Max-Age=0") {
		t.Errorf("done: cookie %q, want it cleared", res.Header.Get("Set-Cookie"))
	}
	// Back: the task page again asks for a sign-in and shows nothing of theirs.
	res, body = c.get(taskLink[1])
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") || strings.Contains(body, s.Name) {
		t.Errorf("back after done: got %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	// The code was spent: not a second time; the link still sets a password.
	if res := w.ts.anonymous(t).postForm("/kiosk", url.Values{"nip": {s.Identifier}, "code": {s.Code}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("code replayed: got %d, want 401", res.StatusCode)
	}
	if res, _ := w.ts.anonymous(t).get("/password/" + s.Token); res.StatusCode != http.StatusOK {
		t.Errorf("the slip's link after the kiosk: got %d, want the password form", res.StatusCode)
	}
	// Too many tries under one NIP lock it, as sign-in does.
	other := w.ts.anonymous(t)
	var last *http.Response
	for range budaya.MaxFailedLogins + 1 {
		last = other.postForm("/kiosk", url.Values{"nip": {slips[1].Identifier}, "code": {"BBBB-BBBB"}})
	}
	if last.StatusCode != http.StatusTooManyRequests {
		t.Errorf("six wrong codes: got %d, want 429", last.StatusCode)
	}
}

// TestKioskSignsOutAfterLastTask answers the person's only task at the kiosk:
// the kiosk then ends the session by itself.
func TestKioskSignsOutAfterLastTask(t *testing.T) {
	t.Parallel()
	w := newKioskWorld(t)
	s := kioskSlips(t, w)[1]
	c := w.ts.anonymous(t)
	if res := c.postForm("/kiosk", url.Values{"nip": {s.Identifier}, "code": {s.Code}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("kiosk sign-in: %d", res.StatusCode)
	}
	_, body := c.get("/tasks")
	c.csrf = csrfMeta.FindStringSubmatch(body)[1]
	links := regexp.MustCompile(`href="(/tasks/\d+)"`).FindAllStringSubmatch(body, -1)
	if len(links) != 1 {
		t.Fatalf("tasks at the kiosk: got %d, want 1 (the survey)", len(links))
	}
	form := url.Values{"action": {"submit"}, "key": {"kiosk-1"}}
	for i, code := range w.codes {
		form.Set("score_"+code, fmt.Sprint(1+i%5))
	}
	res := c.postForm(links[0][1], form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/kiosk?msg=kiosk_finished" {
		t.Fatalf("last task sent: got %d to %q, want 303 to /kiosk?msg=kiosk_finished", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := c.get("/tasks"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("after the last task: got %d to %q, want the session ended", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = c.get("/kiosk?msg=kiosk_finished")
	if !strings.Contains(body, "semua tugas Anda sudah terkirim") {
		t.Error("kiosk page after the last task: want the thank-you note")
	}
}

// TestKioskSessionReachesOnlyItsRoutes walks every route with a kiosk
// session: only the routes declared for the kiosk answer; every other page
// sends the person back to their tasks and every other write is refused.
func TestKioskSessionReachesOnlyItsRoutes(t *testing.T) {
	t.Parallel()
	w := newKioskWorld(t)
	s := kioskSlips(t, w)[2]
	// The kiosk person also holds every role: the kiosk still shows only tasks.
	u, err := w.ts.db.FindEmployeeUser(ctx, s.EmployeeID)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.ts.db.SetRoles(ctx, budaya.SystemActor("test"), u.ID, []budaya.RoleGrant{{Role: budaya.RoleAdmin}, {Role: budaya.RolePegawai}, {Role: budaya.RoleAuditor}}); err != nil {
		t.Fatal(err)
	}
	c := w.ts.anonymous(t)
	if res := c.postForm("/kiosk", url.Values{"nip": {s.Identifier}, "code": {s.Code}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("kiosk sign-in: %d", res.StatusCode)
	}
	_, body := c.get("/tasks")
	c.csrf = csrfMeta.FindStringSubmatch(body)[1]
	kioskRoutes := map[string]bool{"GET /tasks": true, "GET /tasks/{id}": true, "POST /tasks/{id}": true, "POST /kiosk/done": true, "POST /logout": true}
	for _, rt := range w.ts.srv.Routes() {
		if rt.Access.Public || rt.Pattern == "POST /kiosk/done" || rt.Pattern == "POST /logout" {
			continue
		}
		if rt.Access.Kiosk != kioskRoutes[rt.Pattern] {
			t.Errorf("%s: kiosk access %v, want %v", rt.Pattern, rt.Access.Kiosk, kioskRoutes[rt.Pattern])
		}
		method, path := concretePath(rt.Pattern)
		var res *http.Response
		if method == http.MethodPost {
			res = c.postForm(path, url.Values{})
		} else {
			res, _ = c.get(path)
		}
		if res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s %s at the kiosk: Cache-Control %q, want no-store", method, path, res.Header.Get("Cache-Control"))
		}
		if kioskRoutes[rt.Pattern] {
			continue
		}
		switch {
		case method == http.MethodGet && !strings.HasPrefix(path, "/api/"):
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/tasks" {
				t.Errorf("%s %s at the kiosk: got %d to %q, want 303 to /tasks", method, path, res.StatusCode, res.Header.Get("Location"))
			}
		case res.StatusCode != http.StatusForbidden:
			t.Errorf("%s %s at the kiosk: got %d, want 403", method, path, res.StatusCode)
		}
	}
	// A normal session is not a kiosk one: /kiosk/done leaves it alone.
	w.ts.mustUser(t, "pegawai_biasa", budaya.RolePegawai)
	n := w.ts.login(t, "pegawai_biasa")
	if res := n.postForm("/kiosk/done", nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Errorf("/kiosk/done of a normal session: got %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := n.get("/profile"); res.StatusCode != http.StatusOK {
		t.Errorf("normal session after /kiosk/done: got %d, want still signed in", res.StatusCode)
	}
}
