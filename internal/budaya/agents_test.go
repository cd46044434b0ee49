package budaya

import (
	"strings"
	"testing"
	"time"
)

func TestMaySubmitAgentReport(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	agent := &ChangeAgent{StartsOn: d("2026-02-15"), EndsOn: d("2026-11-30")}
	for _, tc := range []struct {
		month, latest, want string // want "" = allowed, else a part of the refusal
	}{
		{"2026-03-01", "", ""},
		{"2026-02-01", "", ""}, // the term starts within the month
		{"2026-11-01", ReportReturned, ""},
		{"2026-03-01", ReportSubmitted, ""}, // supersedes the pending version
		{"2026-03-01", ReportApproved, "ditutup"},
		{"2026-01-01", "", "di luar masa tugas"},
		{"2026-12-01", "", "di luar masa tugas"},
	} {
		err := MaySubmitAgentReport(agent, d(tc.month), tc.latest)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s after %q: got %v, want allowed", tc.month, tc.latest, err)
		case tc.want != "" && (err == nil || !strings.Contains(AsError(err).Text("id"), tc.want)):
			t.Errorf("%s after %q: got %v, want a refusal saying %q", tc.month, tc.latest, err, tc.want)
		}
	}
}

func TestAgentReportInputRefusesTheFuture(t *testing.T) {
	today := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	for month, ok := range map[string]bool{"2026-12": true, "2026-11": true, "2027-01": false, "2030-05": false} {
		in := AgentReportInput{Month: month, Summary: "Ringkasan", Today: today}
		if err := in.Validate(); (err == nil) != ok {
			t.Errorf("month %s: got %v, want allowed %v", month, err, ok)
		}
	}
}
