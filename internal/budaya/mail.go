package budaya

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MaxReminderDays bounds a reminder schedule: no reminder earlier than this many days before the due date.
const MaxReminderDays = 90

// ParseReminderDays reads a reminder schedule such as "7, 3, 1": days before
// the due date, each 0..MaxReminderDays. The result is sorted largest first,
// without repeats; an empty text is an empty schedule.
func ParseReminderDays(s string) ([]int, error) {
	out := []int{}
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		d, err := strconv.Atoi(part)
		if err != nil || d < 0 || d > MaxReminderDays {
			return nil, Invalid("reminder_days",
				MsgReminderScheduleNotValid,
				s, MaxReminderDays)
		}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	slices.Reverse(out)
	return out, nil
}

// FormatReminderDays writes a schedule as ParseReminderDays reads it.
func FormatReminderDays(days []int) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = strconv.Itoa(d)
	}
	return strings.Join(parts, ",")
}

// DueReminderRound returns the key of the scheduled reminder round that is due
// at now for a period due at due: the one of the fewest days before the due
// date whose moment has come. A round missed while no server ran is not sent
// late when a later one is already due, so a person gets one message, not a
// burst. ok is false before the first moment and after the due date.
func DueReminderRound(days []int, due, now time.Time) (key string, ok bool) {
	if !now.Before(due) {
		return "", false
	}
	best := -1
	for _, d := range days {
		if !now.Before(due.Add(-time.Duration(d)*24*time.Hour)) && (best < 0 || d < best) {
			best = d
		}
	}
	if best < 0 {
		return "", false
	}
	return fmt.Sprintf("reminder-%dd", best), true
}

// MailFilter selects messages of the outbox.
type MailFilter struct {
	Status  string // empty: all
	Page    int
	PerPage int
}
