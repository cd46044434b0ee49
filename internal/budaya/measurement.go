package budaya

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Period statuses.
const (
	PeriodDraft  = "draft"
	PeriodOpen   = "open"
	PeriodClosed = "closed"
)

// Instruments of a measurement period.
const (
	InstrumentSurvey = "survey"
	Instrument360    = "360"
)

// Rater groups. GroupMember is a member of a unit rating their own unit (survey).
const (
	GroupMember  = "member"
	GroupSelf    = "self"
	GroupAtasan  = "atasan"
	GroupPeer    = "peer"
	GroupBawahan = "bawahan"
)

// RaterGroups360 lists the 360 rater groups in the order reports show them.
var RaterGroups360 = []string{GroupSelf, GroupAtasan, GroupPeer, GroupBawahan}

// Attributed reports whether answers of group keep who gave them (self and
// atasan); every other group is anonymous.
func Attributed(group string) bool { return group == GroupSelf || group == GroupAtasan }

// CannotRate is the score a peer gives a behaviour they have had no chance to
// see ("tidak dapat menilai"). It is kept in the rater's draft so that the
// choice survives a resume, and it counts as an answer for completeness, but
// it is never stored as an answer: the submission leaves that behaviour out,
// so it is in no sum, no mean and no n of that behaviour.
const CannotRate = 0

// MayDecline reports whether raters of group may answer CannotRate: peers
// only. A colleague from the same unit may not work with the ratee on every
// behaviour; the ratee themself, their atasan and their staff can rate all.
func MayDecline(group string) bool { return group == GroupPeer }

// Rated returns answers without the CannotRate ones: what a submission stores.
func Rated(answers []Answer) []Answer {
	out := make([]Answer, 0, len(answers))
	for _, a := range answers {
		if a.Score != CannotRate {
			out = append(out, a)
		}
	}
	return out
}

// MinRaters360 is the least number of peers or bawahan whose answers are shown as a group.
const MinRaters360 = 3

// DefaultMinGroup is the default K: the least number of respondents of a shown survey group.
const DefaultMinGroup = 5

// MaxCommentLength is the longest comment on one behaviour, in characters.
const MaxCommentLength = 1000

// Period is a measurement period: a survey and/or a 360 round over a frozen
// snapshot of the organisation.
type Period struct {
	ID          int64
	Name        string
	StartsAt    time.Time
	EndsAt      time.Time
	FrameworkID int64
	HasSurvey   bool
	Has360      bool
	MinGroup    int // K for surveys, 3..10
	MaxPeers    int // peers per ratee in the 360
	Status      string
	Generation  string // pending, running, done, failed: the background generation of tasks
	TasksDone   int
	TasksTotal  int
	OpenedAt    time.Time
	ClosedAt    time.Time
	CreatedAt   time.Time
	UnitIDs     []int64 // the participating units; each includes the units below it
}

// Open reports whether answers are accepted.
func (p *Period) Open() bool { return p.Status == PeriodOpen }

// Instruments lists the instruments of p.
func (p *Period) Instruments() []string {
	var out []string
	if p.HasSurvey {
		out = append(out, InstrumentSurvey)
	}
	if p.Has360 {
		out = append(out, Instrument360)
	}
	return out
}

// PeriodInput is what an admin enters to create a period.
type PeriodInput struct {
	Name        string
	StartsAt    time.Time
	EndsAt      time.Time
	FrameworkID int64
	HasSurvey   bool
	Has360      bool
	MinGroup    int
	MaxPeers    int
	UnitIDs     []int64
}

// Validate checks and normalises the input.
func (in *PeriodInput) Validate() error {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || utf8.RuneCountInString(in.Name) > 120 {
		return Invalid("name", MsgPeriodNameRequiredMostCharacters)
	}
	if in.StartsAt.IsZero() || in.EndsAt.IsZero() {
		return Invalid("starts_at", MsgEnterStartEndDate)
	}
	if !in.EndsAt.After(in.StartsAt) {
		return Invalid("ends_at", MsgEndDateMustBeAfterStart)
	}
	if !in.HasSurvey && !in.Has360 {
		return Invalid("instruments", MsgChooseLeastOneInstrument)
	}
	if in.MinGroup == 0 {
		in.MinGroup = DefaultMinGroup
	}
	if in.MinGroup < 3 || in.MinGroup > 10 {
		return Invalid("min_group", MsgAnonymityThresholdKMustBeGot, in.MinGroup)
	}
	if in.MaxPeers < 0 || in.MaxPeers > 10 {
		return Invalid("max_peers", MsgNumberPeerRatersMustBeGot, in.MaxPeers)
	}
	if in.Has360 && in.MaxPeers == 0 {
		in.MaxPeers = 3
	}
	if len(in.UnitIDs) == 0 {
		return Invalid("units", MsgChooseLeastOneParticipating)
	}
	return nil
}

// Task is one thing someone must answer: a survey of their unit, or a 360 about a person.
type Task struct {
	ID              int64
	PeriodID        int64
	PeriodName      string
	PeriodStatus    string
	EndsAt          time.Time
	Instrument      string
	RaterGroup      string
	RaterEmployeeID int64
	RateeEmployeeID int64 // 0 for surveys
	RateeName       string
	UnitID          int64 // the snapshot unit rated
	UnitName        string
	Status          string // TaskOpen or TaskCompleted
	CompletedAt     time.Time
	Drafted         int // answers saved as draft so far
}

// Task statuses.
const (
	TaskOpen      = "open"
	TaskCompleted = "completed"
)

// Answer is the score of one behaviour, with an optional comment.
type Answer struct {
	BehaviourCode string
	Score         int
	Comment       string
}

// ScoreLabels are the answer labels of the 1..5 Likert scale (how often the
// behaviour is lived), Bahasa Indonesia and English.
var ScoreLabels = [5][2]string{
	{"Tidak pernah", "Never"},
	{"Jarang", "Rarely"},
	{"Kadang-kadang", "Sometimes"},
	{"Sering", "Often"},
	{"Selalu", "Always"},
}

// BehaviourCodes returns the codes of the behaviours of f's core values, in order.
func (f *Framework) BehaviourCodes() []string {
	var out []string
	for _, v := range f.CoreValues() {
		for _, b := range v.Behaviours {
			out = append(out, b.Code)
		}
	}
	return out
}

// ValidateAnswers checks answers against the behaviours of f: known codes,
// scores 1..5, comments not too long, no behaviour twice. With complete, every
// behaviour must be answered.
func ValidateAnswers(f *Framework, answers []Answer, complete bool) error {
	return ValidateAnswersOf(f, "", answers, complete)
}

// ValidateAnswersOf is ValidateAnswers for a rater of group: a peer may also
// answer CannotRate, though not for every behaviour of a complete submission.
func ValidateAnswersOf(f *Framework, group string, answers []Answer, complete bool) error {
	known := map[string]bool{}
	codes := f.BehaviourCodes()
	for _, c := range codes {
		known[c] = true
	}
	seen := map[string]bool{}
	for i := range answers {
		a := &answers[i]
		a.BehaviourCode = strings.ToUpper(strings.TrimSpace(a.BehaviourCode))
		a.Comment = strings.TrimSpace(a.Comment)
		if !known[a.BehaviourCode] {
			return Invalid("behaviour", MsgBehaviourNotFrameworkPeriod, a.BehaviourCode)
		}
		if seen[a.BehaviourCode] {
			return Invalid("behaviour", MsgBehaviourAnsweredTwice, a.BehaviourCode)
		}
		seen[a.BehaviourCode] = true
		if a.Score == CannotRate && MayDecline(group) {
			a.Comment = "" // a behaviour not seen has nothing to comment on
			continue
		}
		if a.Score < 1 || a.Score > 5 {
			return Invalid("score", MsgScoreMustBeGot, a.BehaviourCode, a.Score)
		}
		if utf8.RuneCountInString(a.Comment) > MaxCommentLength {
			return Invalid("comment", MsgCommentMustBeMostCharacters, a.BehaviourCode, MaxCommentLength)
		}
	}
	if complete {
		var missing []string
		for _, c := range codes {
			if !seen[c] {
				missing = append(missing, c)
			}
		}
		if len(missing) > 0 {
			return Invalid("answers", MsgAllBehavioursMustBeRated, len(codes), strings.Join(missing, ", "))
		}
		if len(Rated(answers)) == 0 {
			return Invalid("answers", MsgRateLeastOneBehaviour)
		}
	}
	return nil
}

// ResponseRate is how many tasks of a unit (with the units below it) are completed.
type ResponseRate struct {
	UnitID    int64
	UnitName  string
	Path      string
	Depth     int
	Total     int
	Completed int
	// Suppressed: a survey group smaller than K shows no completion count, so
	// that a tiny unit's figure does not name who has (not) answered.
	Suppressed bool
}

// Percent is the response rate in percent.
func (r ResponseRate) Percent() float64 {
	if r.Total == 0 {
		return 0
	}
	return float64(r.Completed) / float64(r.Total) * 100
}

// GroupScore is the result of one rater group on one behaviour (or value) in a 360 report.
type GroupScore struct {
	Group      string
	N          int     // distinct respondents
	Mean       float64 // 1..5
	Suppressed bool    // fewer respondents than the group's threshold: no figure shown
}

// ReportRow is one behaviour (or value) of a 360 report.
type ReportRow struct {
	Code     string
	Name     string
	IsValue  bool
	Groups   []GroupScore // in RaterGroups360 order
	Others   GroupScore   // all shown groups but self, combined
	UnitMean float64      // the mean of 360 ratings (others) of the ratee's unit; 0 when unknown
	Gap      float64      // Others.Mean - UnitMean
}

// Report360 is the individual 360 report of one employee in one period.
type Report360 struct {
	PeriodID     int64
	PeriodName   string
	EmployeeID   int64
	EmployeeName string
	UnitName     string
	MinGroup     int // the threshold for peers and bawahan
	Values       []ReportRow
	Behaviours   []ReportRow
	Comments     map[string][]string // by group; only shown groups
	Strengths    []ReportRow         // behaviours most above the unit
	Gaps         []ReportRow         // behaviours most below the unit
}

// AnswerRecord is one stored answer as exports and the index read it: no row
// id, no time, and a rater only for the attributed groups.
type AnswerRecord struct {
	ResponseID      string
	PeriodID        int64
	Instrument      string
	UnitID          int64
	RateeEmployeeID int64
	RaterGroup      string
	RaterEmployeeID int64
	BehaviourCode   string
	Score           int
	Comment         string
}

// ParticipationShown is the response-rate rule: how many of a group's tasks
// were completed is shown only when the group has at least k tasks, so that
// a small group's count does not tell who has (not) answered. Every reader of
// participation (the pages through web's gate, the leaders' digest) uses it.
func ParticipationShown(total int64, k int) bool { return total >= int64(k) }

// TaskFilter selects tasks.
type TaskFilter struct {
	RaterEmployeeID int64
	PeriodID        int64
	Instrument      string
	OpenPeriodsOnly bool // only tasks of periods that accept answers
	OpenOnly        bool // only tasks not yet completed
	Page            int
	PerPage         int
}
