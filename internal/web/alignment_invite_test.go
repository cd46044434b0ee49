package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// TestAlignmentInviteErrorsStayOnTheForm: a wrong or duplicate NIP, or a unit
// name that fits no unit, several units or a unit without a leader, is shown
// next to its field on the session page with what was typed kept; a unit
// name invites that unit's leader.
func TestAlignmentInviteErrorsStayOnTheForm(t *testing.T) {
	o := newAlignOrg(t)
	sys := budaya.SystemActor("test")
	hukum, err := o.ts.db.CreateUnit(ctx, sys, budaya.Unit{Code: "SJ.03", Name: "Biro Hukum", Level: budaya.LevelEselon2, ParentID: o.sj.ID})
	if err != nil {
		t.Fatal(err)
	}
	head, err := o.ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: "197807072003121001", Name: "Eko Prasetyo", UnitID: hukum.ID, Position: "Kepala Biro Hukum"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.ts.db.UpdateUnit(ctx, sys, hukum.ID, store.UnitUpdate{Code: hukum.Code, Name: hukum.Name, Level: hukum.Level, LeaderEmployeeID: head.ID}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		field, value, want string
	}{
		{"employee", "199912312020121999", "Tidak ada pegawai dengan NIP"},
		{"employee", o.lead1.NIP, "sudah diundang"},
		{"unit", "Biro", "cocok dengan"},
		{"unit", "Biro Keuangan", "Tidak ada unit bernama"},
		{"unit", "SJ", "belum punya pimpinan"},
	} {
		t.Run(tc.field+"="+tc.value, func(t *testing.T) {
			res, body := o.admin.postFormBody(o.path("/invitees"), url.Values{tc.field: {tc.value}})
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("got %d, want 422", res.StatusCode)
			}
			if !strings.Contains(body, "Leader Alignment Session 2026") || !strings.Contains(body, `id="inv-h"`) {
				t.Errorf("not the session page: %.300s", body)
			}
			msg := between(body, `id="`+tc.field+`-err" class="field-error" role="alert">`, "</p>")
			if !strings.Contains(html.UnescapeString(msg), tc.want) {
				t.Errorf("message next to %s: got %q, want %q", tc.field, msg, tc.want)
			}
			input := between(body, `id="`+tc.field+`" name="`+tc.field+`"`, ">")
			if !strings.Contains(input, `value="`+tc.value+`"`) || !strings.Contains(input, `aria-invalid="true"`) {
				t.Errorf("the %s field does not keep %q marked invalid: %q", tc.field, tc.value, input)
			}
		})
	}
	// By unit name, case aside: the unit's leader is invited for that unit.
	if res, body := o.admin.postFormBody(o.path("/invitees"), url.Values{"unit": {"biro hukum"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("invite by unit name: got %d %q", res.StatusCode, between(body, `class="field-error" role="alert">`, "<"))
	}
	inv, err := o.ts.db.ListInvitees(ctx, o.sessionID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, i := range inv {
		found = found || (i.EmployeeID == head.ID && i.UnitID == hukum.ID)
	}
	if !found {
		t.Errorf("Biro Hukum's leader is not invited for the unit: %+v", inv)
	}
}
