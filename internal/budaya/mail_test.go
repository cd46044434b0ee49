package budaya

import (
	"slices"
	"testing"
	"time"
)

func TestParseReminderDays(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
		bad  bool
	}{
		{"7,3,1", []int{7, 3, 1}, false},
		{" 1, 7 ,3,3", []int{7, 3, 1}, false},
		{"", []int{}, false},
		{"0", []int{0}, false},
		{"7,x", nil, true},
		{"-1", nil, true},
		{"91", nil, true},
	} {
		got, err := ParseReminderDays(tc.in)
		if tc.bad {
			if ErrorCode(err) != EINVALID {
				t.Errorf("ParseReminderDays(%q): got error %v, want invalid", tc.in, err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("ParseReminderDays(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestDueReminderRound(t *testing.T) {
	due := time.Date(2026, 3, 31, 17, 0, 0, 0, time.UTC)
	days := []int{7, 3, 1}
	for _, tc := range []struct {
		now  time.Time
		want string
	}{
		{due.Add(-8 * 24 * time.Hour), ""},
		{due.Add(-7 * 24 * time.Hour), "reminder-7d"},
		{due.Add(-5 * 24 * time.Hour), "reminder-7d"},
		{due.Add(-2 * 24 * time.Hour), "reminder-3d"}, // 7d missed: only the latest is due
		{due.Add(-time.Hour), "reminder-1d"},
		{due, ""},
		{due.Add(time.Hour), ""},
	} {
		got, ok := DueReminderRound(days, due, tc.now)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("DueReminderRound at %v = %q, %v; want %q", tc.now, got, ok, tc.want)
		}
	}
}
