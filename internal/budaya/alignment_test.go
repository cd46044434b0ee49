package budaya

import (
	"strings"
	"testing"
	"time"
)

func TestSessionInputValidate(t *testing.T) {
	start := time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC)
	ok := SessionInput{Title: "LAS", StartsAt: start, EndsAt: start.Add(3 * time.Hour), Place: "Aula"}
	tests := []struct {
		name  string
		edit  func(*SessionInput)
		field string
	}{
		{"valid, default template", func(*SessionInput) {}, ""},
		{"online only", func(in *SessionInput) { in.Place, in.OnlineURL = "", "https://zoom.us/j/1" }, ""},
		{"no title", func(in *SessionInput) { in.Title = "  " }, "title"},
		{"end before start", func(in *SessionInput) { in.EndsAt = start.Add(-time.Hour) }, "ends_at"},
		{"four days", func(in *SessionInput) { in.EndsAt = start.Add(96 * time.Hour) }, "ends_at"},
		{"no place nor link", func(in *SessionInput) { in.Place = "" }, "place"},
		{"link without scheme", func(in *SessionInput) { in.OnlineURL = "zoom.us/j/1" }, "online_url"},
		{"template without {unit}", func(in *SessionInput) { in.PledgeTemplate = "Saya {nama} berjanji." }, "pledge_template"},
		{"unknown placeholder", func(in *SessionInput) { in.PledgeTemplate = "{nama} {unit} {jabatn}" }, "pledge_template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok
			tt.edit(&in)
			err := in.Validate()
			got := ""
			if e := AsError(err); e != nil {
				got = e.Field
			} else if err != nil {
				t.Fatalf("got non-domain error %v", err)
			}
			if got != tt.field {
				t.Errorf("got field %q (%v), want %q", got, err, tt.field)
			}
			if err == nil && in.PledgeTemplate == "" {
				t.Error("template left empty; want the default")
			}
		})
	}
	in := ok
	in.PledgeTemplate = "{nama} {unit} {jabatn}"
	if err := in.Validate(); !strings.Contains(err.Error(), "{jabatn}") {
		t.Errorf("message: got %v, want it to name {jabatn}", err)
	}
}

func TestPledgeHelpers(t *testing.T) {
	text := RenderPledge("Saya {nama}, {jabatan} {unit}, {tanggal}: {nilai}.", PledgeFields{Name: "Budi", Position: "Kepala", Unit: "Biro Umum",
		Date: FormatDateID(time.Date(2026, 8, 17, 0, 0, 0, 0, time.UTC)), Values: "BerAKHLAK"})
	if want := "Saya Budi, Kepala Biro Umum, 17 Agustus 2026: BerAKHLAK."; text != want {
		t.Errorf("render: got %q, want %q", text, want)
	}
	p := Pledge{Text: text, SHA256: PledgeHash(text)}
	if !p.Genuine() || len(p.SHA256) != 64 {
		t.Errorf("genuine: got %v (%s)", p.Genuine(), p.SHA256)
	}
	p.Text += " "
	if p.Genuine() {
		t.Error("changed text: got genuine, want not")
	}
	e := &Employee{Name: "Siti Aminah", FrontTitle: "Dr.", BackTitle: "S.E., M.Si."}
	for typed, want := range map[string]bool{"Siti Aminah": true, "siti  aminah": true, "Dr. Siti Aminah, S.E., M.Si.": true, "Siti": false, "": false} {
		if got := SameName(typed, e); got != want {
			t.Errorf("SameName(%q): got %v, want %v", typed, got, want)
		}
	}
	if ActingLabel(ActingPlt) != "Plt." || ActingLabel(ActingPlh) != "Plh." || ActingLabel("") != "" {
		t.Error("acting labels")
	}
}

func TestOverdueAndDelegationDays(t *testing.T) {
	jakarta := time.FixedZone("WIB", 7*3600)
	due := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	c := Commitment{Status: CommitmentInProgress, DueDate: due}
	tests := []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2026, 5, 1, 23, 0, 0, 0, jakarta), false}, // the due day itself
		{time.Date(2026, 5, 2, 0, 30, 0, 0, jakarta), true},  // the next local day, still 1 May in UTC
		{time.Date(2026, 4, 30, 12, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		if got := c.Overdue(tt.now); got != tt.want {
			t.Errorf("Overdue(%s): got %v, want %v", tt.now, got, tt.want)
		}
	}
	c.Status = CommitmentDone
	if c.Overdue(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Error("a done commitment is never overdue")
	}
	d := Delegation{StartsOn: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), EndsOn: time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)}
	if !d.Covers(time.Date(2026, 3, 12, 23, 59, 0, 0, jakarta)) || d.Covers(time.Date(2026, 3, 13, 0, 1, 0, 0, jakarta)) {
		t.Error("delegation covers its days, in the local calendar, inclusive")
	}
	s := AlignmentSession{StartsAt: time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC), EndsAt: time.Date(2026, 3, 10, 5, 0, 0, 0, time.UTC)}
	for _, tt := range []struct {
		at   time.Time
		want bool
	}{{s.StartsAt.Add(-29 * time.Minute), true}, {s.StartsAt.Add(-31 * time.Minute), false}, {s.EndsAt.Add(30 * time.Minute), true}, {s.EndsAt.Add(31 * time.Minute), false}} {
		if got := s.CheckinOpen(tt.at); got != tt.want {
			t.Errorf("CheckinOpen(%s): got %v, want %v", tt.at, got, tt.want)
		}
	}
}
