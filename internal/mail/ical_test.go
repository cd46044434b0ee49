package mail

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Every text of the messages has both languages, and the same verbs in each.
func TestTexts(t *testing.T) {
	for _, m := range []map[string][2]string{texts, eventTexts} {
		for k, v := range m {
			if strings.TrimSpace(v[0]) == "" || strings.TrimSpace(v[1]) == "" {
				t.Errorf("%s: a language is missing", k)
			}
			if strings.Count(v[0], "%") != strings.Count(v[1], "%") {
				t.Errorf("%s: %q and %q take different arguments", k, v[0], v[1])
			}
		}
	}
	for k := range eventTexts {
		if _, dup := texts[k]; dup {
			t.Errorf("%s is in both catalogues", k)
		}
	}
}

func TestICalText(t *testing.T) {
	for in, want := range map[string]string{
		"Rapat; lantai 5, ruang A": `Rapat\; lantai 5\, ruang A`,
		"baris 1\nbaris 2":         `baris 1\nbaris 2`,
		"baris 1\r\nbaris 2":       `baris 1\nbaris 2`,
		`C:\data`:                  `C:\\data`,
	} {
		if got := icalText(in); got != want {
			t.Errorf("icalText(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"Siti Aminah":           "Siti Aminah",
		"Dr. Siti, M.Si.":       `"Dr. Siti, M.Si."`,
		`Budi "Bud" Santoso`:    "Budi Bud Santoso",
		"Kepala: Biro; Umum":    `"Kepala: Biro; Umum"`,
		"Baris\nbaru tidak ada": "Barisbaru tidak ada",
	} {
		if got := icalParam(in); got != want {
			t.Errorf("icalParam(%q) = %q, want %q", in, got, want)
		}
	}
}

// Folding keeps every physical line within 75 octets, never splits a UTF-8
// character, and unfolds to the line it was given.
func TestICalFold(t *testing.T) {
	for _, line := range []string{
		"SUMMARY:short",
		"DESCRIPTION:" + strings.Repeat("a", 200),
		"LOCATION:" + strings.Repeat("Ruang rapat é ü 会議室 ", 12),
		"SUMMARY:" + strings.Repeat("é", 100), // two-octet characters across every boundary
	} {
		var b strings.Builder
		icalFold(&b, line)
		out := b.String()
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatalf("no CRLF at the end of %q", out)
		}
		phys := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		var unfolded strings.Builder
		for i, p := range phys {
			if len(p) > 75 {
				t.Errorf("line of %d octets: %q", len(p), p)
			}
			if !utf8.ValidString(p) {
				t.Errorf("line splits a character: %q", p)
			}
			if i > 0 {
				if !strings.HasPrefix(p, " ") {
					t.Fatalf("continuation without a space: %q", p)
				}
				p = p[1:]
			}
			unfolded.WriteString(p)
		}
		if unfolded.String() != line {
			t.Errorf("unfolded %q, want %q", unfolded.String(), line)
		}
	}
}

func TestDigestWeekAndAgentDue(t *testing.T) {
	jkt := time.FixedZone("WIB", 7*3600)
	for _, tc := range []struct {
		at   time.Time
		week string
		ok   bool
	}{
		{time.Date(2026, 11, 30, 6, 59, 0, 0, jkt), "", false},       // Monday before 07:00
		{time.Date(2026, 11, 30, 7, 0, 0, 0, jkt), "2026-W49", true}, // Monday 07:00
		{time.Date(2026, 12, 6, 23, 0, 0, 0, jkt), "2026-W49", true}, // Sunday
		{time.Date(2026, 11, 30, 0, 30, 0, 0, time.UTC), "2026-W49", true},
		{time.Date(2027, 1, 1, 12, 0, 0, 0, jkt), "2026-W53", true}, // ISO year of the week
	} {
		week, ok := DigestWeek(tc.at, jkt)
		if week != tc.week || ok != tc.ok {
			t.Errorf("DigestWeek(%v) = %q, %v; want %q, %v", tc.at, week, ok, tc.week, tc.ok)
		}
	}
	for _, tc := range []struct {
		at    time.Time
		month string
		ok    bool
	}{
		{time.Date(2026, 11, 27, 23, 0, 0, 0, jkt), "", false},
		{time.Date(2026, 11, 28, 0, 0, 0, 0, jkt), "2026-11", true},
		{time.Date(2026, 11, 30, 23, 59, 0, 0, jkt), "2026-11", true},
		{time.Date(2026, 2, 26, 8, 0, 0, 0, jkt), "2026-02", true},
		{time.Date(2026, 11, 27, 17, 30, 0, 0, time.UTC), "2026-11", true}, // already the 28th in Jakarta
	} {
		month, ok := AgentDueMonth(tc.at, jkt)
		if month != tc.month || ok != tc.ok {
			t.Errorf("AgentDueMonth(%v) = %q, %v; want %q, %v", tc.at, month, ok, tc.month, tc.ok)
		}
	}
}
