package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

// TestRecognitionPickerShowsTheUnit: two colleagues of the same name are told
// apart in the picker by their unit.
func TestRecognitionPickerShowsTheUnit(t *testing.T) {
	ts := newTestServer(t)
	o := ts.newOffice(t, 2)
	sys := budaya.SystemActor("test")
	for _, u := range []*budaya.Unit{o.biro, o.bagian} {
		if _, err := ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: map[int64]string{o.biro.ID: "199203032015042001", o.bagian.ID: "199404042018032002"}[u.ID],
			Name: "Ayu Rahayu", UnitID: u.ID, Position: "Analis"}); err != nil {
			t.Fatal(err)
		}
	}
	c := ts.login(t, o.user[1])
	_, opts := c.get("/recognition/people?recipient=" + url.QueryEscape("Ayu Rahayu"))
	for _, want := range []string{`<option value="199203032015042001 Ayu Rahayu">Analis · Biro Umum</option>`,
		`<option value="199404042018032002 Ayu Rahayu">Analis · Bagian Rumah Tangga</option>`} {
		if !strings.Contains(opts, want) {
			t.Errorf("picker lacks %s; got %q", want, opts)
		}
	}
}
