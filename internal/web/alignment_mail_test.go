package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// An admin changes and cancels a session through the pages: each invitee with
// an address gets the update and then the cancellation in the outbox, written
// with the change; a cancelled session refuses further changes.
func TestAlignmentEditCancelMail(t *testing.T) {
	t.Parallel()
	o := newAlignOrg(t)
	db := o.ts.db
	sys := budaya.SystemActor("test")
	for i, e := range []*budaya.Employee{o.lead1, o.lead2} {
		e.Email = []string{"budi@example.go.id", "citra@example.go.id"}[i]
		if _, err := db.UpdateEmployee(ctx, sys, e.ID, *e); err != nil {
			t.Fatal(err)
		}
	}
	count := func(kind string) int {
		msgs, _, err := db.ListMail(ctx, budaya.MailFilter{PerPage: 100})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, m := range msgs {
			if m.Kind == kind {
				n++
			}
		}
		return n
	}
	if res, body := o.admin.get(o.path("/edit")); res.StatusCode != http.StatusOK || !strings.Contains(body, `action="`+o.path("")+`"`) {
		t.Fatalf("edit page: %d", res.StatusCode)
	}
	if res, _ := o.c1.get(o.path("/edit")); res.StatusCode != http.StatusForbidden {
		t.Errorf("edit page for a leader: got %d, want 403", res.StatusCode)
	}
	start := time.Now().UTC().Add(48 * time.Hour)
	form := url.Values{"title": {"Leader Alignment Session 2026"}, "starts_at": {start.Format("2006-01-02T15:04")},
		"ends_at": {start.Add(2 * time.Hour).Format("2006-01-02T15:04")}, "place": {"Aula Gedung B"}, "facilitator": {"Biro Organisasi"},
		"pledge_template": {budaya.DefaultPledgeTemplate}}
	// Bad input keeps the form with a message, and sends nothing.
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("ends_at", start.Add(-time.Hour).Format("2006-01-02T15:04"))
	if res, body := o.admin.postFormBody(o.path(""), bad); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Aula Gedung B") {
		t.Errorf("bad change: got %d, want 422 with the form kept", res.StatusCode)
	}
	if n := count(store.MailSession); n != 0 {
		t.Errorf("%d session messages after a refused change, want 0", n)
	}
	// A withdrawn invitation removes the session from that calendar.
	if res := o.admin.postForm(o.path(sprintf("/invitees/%d/remove", o.lead2.ID)), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("uninvite: got %d, want 303", res.StatusCode)
	}
	if n := count(store.MailSessionCancel); n != 1 {
		t.Errorf("%d cancellations after withdrawing one invitation, want 1", n)
	}
	if res := o.admin.postForm(o.path(""), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: got %d, want 303", res.StatusCode)
	}
	if n := count(store.MailSession); n != 1 {
		t.Errorf("%d updates queued, want 1 (the invitee left)", n)
	}
	s, err := db.FindAlignmentSession(ctx, o.sessionID)
	if err != nil || s.Sequence != 2 || s.Place != "Aula Gedung B" {
		t.Fatalf("after the change: %+v, %v; want SEQUENCE 2 (withdrawal, change) and the new place", s, err)
	}
	if res := o.admin.postForm(o.path("/cancel"), url.Values{"reason": {"Jadwal pimpinan berubah"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel: got %d, want 303", res.StatusCode)
	}
	if n := count(store.MailSessionCancel); n != 2 {
		t.Errorf("%d cancellations queued, want 2 (the withdrawal, then the session's to the one left)", n)
	}
	if res, body := o.admin.get(o.path("")); res.StatusCode != http.StatusOK || !strings.Contains(body, "dibatalkan") || strings.Contains(body, o.path("/edit")) {
		t.Errorf("session page after cancelling: %d, want the notice and no edit link", res.StatusCode)
	}
	if _, body := o.c1.get("/alignment"); !strings.Contains(body, "Dibatalkan") {
		t.Error("the session list does not mark the session cancelled")
	}
	if res := o.admin.postForm(o.path("/cancel"), nil); res.StatusCode != http.StatusConflict {
		t.Errorf("cancel twice: got %d, want 409", res.StatusCode)
	}
	if res := o.admin.postForm(o.path(""), form); res.StatusCode != http.StatusConflict {
		t.Errorf("change a cancelled session: got %d, want 409", res.StatusCode)
	}
	if res := o.admin.postForm(o.path(sprintf("/invitees/%d/attend", o.lead1.ID)), nil); res.StatusCode != http.StatusConflict {
		t.Errorf("check in to a cancelled session: got %d, want 409", res.StatusCode)
	}
	if res, _ := o.c1.get(o.path(sprintf("/sign/%d", o.b1.ID))); res.StatusCode != http.StatusConflict {
		t.Errorf("sign in a cancelled session: got %d, want 409", res.StatusCode)
	}
}

// The digest is turned off and on again on the profile page; each change is audited.
func TestProfileDigestSetting(t *testing.T) {
	t.Parallel()
	o := newAlignOrg(t)
	u, err := o.ts.db.FindUserByUsername(ctx, "budi")
	if err != nil {
		t.Fatal(err)
	}
	if _, body := o.c1.get("/profile"); !strings.Contains(body, `name="digest" id="digest" checked`) {
		t.Fatal("profile: the digest box is not ticked by default")
	}
	if res := o.c1.postForm("/profile/mail", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("turn off: got %d, want 303", res.StatusCode)
	}
	if off, err := o.ts.db.DigestOff(ctx, u.ID); err != nil || !off {
		t.Errorf("after turning off: %v, %v", off, err)
	}
	if _, body := o.c1.get("/profile"); strings.Contains(body, `name="digest" id="digest" checked`) {
		t.Error("profile still shows the digest on")
	}
	if res := o.c1.postForm("/profile/mail", url.Values{"digest": {"on"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("turn on: got %d, want 303", res.StatusCode)
	}
	if off, err := o.ts.db.DigestOff(ctx, u.ID); err != nil || off {
		t.Errorf("after turning on: %v, %v", off, err)
	}
	// The same setting through the API.
	var got struct {
		Digest bool `json:"digest"`
	}
	if res := o.c1.getJSON("/api/v1/me/mail", &got); res.StatusCode != http.StatusOK || !got.Digest {
		t.Errorf("GET /api/v1/me/mail: %d %+v, want digest on", res.StatusCode, got)
	}
	if res := o.c1.postJSONDecode("/api/v1/me/mail", map[string]any{"digest": false}, &got); res.StatusCode != http.StatusOK || got.Digest {
		t.Errorf("POST /api/v1/me/mail: %d %+v, want digest off", res.StatusCode, got)
	}
	if off, err := o.ts.db.DigestOff(ctx, u.ID); err != nil || !off {
		t.Errorf("after the API turned it off: %v, %v", off, err)
	}
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if res := o.c1.postJSONDecode("/api/v1/me/mail", map[string]any{}, &e); res.StatusCode != http.StatusBadRequest || !strings.Contains(e.Error.Message, "digest") {
		t.Errorf("POST without digest: %d %+v, want 400 naming the field", res.StatusCode, e)
	}
	entries, _, err := o.ts.db.ListAudit(ctx, budaya.AuditFilter{Action: "set_digest", Page: 1, PerPage: 10})
	if err != nil || len(entries) != 3 {
		t.Errorf("audit: %d entries, %v; want 3", len(entries), err)
	}
}
