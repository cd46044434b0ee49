package budaya

import (
	"strconv"
	"strings"
	"time"
)

// ChangeAgent is the appointment of an employee as agen perubahan of a unit
// by a decree (surat keputusan) for a period.
type ChangeAgent struct {
	ID           int64
	UnitID       int64
	EmployeeID   int64
	UserID       int64 // the employee's account, which holds the agen_perubahan role for the unit
	DecreeNumber string
	StartsOn     time.Time
	EndsOn       time.Time
	EndedAt      time.Time // set when the appointment is ended early
	CreatedAt    time.Time
	UnitCode     string
	UnitName     string
	EmployeeName string
	NIP          string
}

// Active reports whether the appointment holds on day (a date in the instansi's calendar).
func (a *ChangeAgent) Active(day time.Time) bool {
	return a.EndedAt.IsZero() && !day.Before(a.StartsOn) && !day.After(a.EndsOn)
}

// ChangeAgentInput is what appoints a change agent.
type ChangeAgentInput struct {
	UnitID       int64
	EmployeeID   int64
	DecreeNumber string
	StartsOn     string // YYYY-MM-DD
	EndsOn       string

	Starts, Ends time.Time
}

// Validate checks the decree and the period.
func (in *ChangeAgentInput) Validate() error {
	in.DecreeNumber = strings.TrimSpace(in.DecreeNumber)
	if in.UnitID == 0 {
		return Invalid("unit_id", MsgChooseChangeAgentUnit)
	}
	if in.EmployeeID == 0 {
		return Invalid("employee_id", MsgChooseEmployeeAppoint)
	}
	if in.DecreeNumber == "" || len([]rune(in.DecreeNumber)) > 100 {
		return Invalid("decree_number", MsgDecreeNumberRequiredMostCharacters)
	}
	var err error
	if in.Starts, err = ParseDate("starts_on", in.StartsOn); err != nil {
		return err
	}
	if in.Ends, err = ParseDate("ends_on", in.EndsOn); err != nil {
		return err
	}
	if in.Ends.Before(in.Starts) {
		return Invalid("ends_on", MsgEndTermCannotBeBeforeStart,
			in.EndsOn, in.StartsOn)
	}
	if in.Ends.Sub(in.Starts) > 6*366*24*time.Hour {
		return Invalid("ends_on", MsgChangeAgentTermMostYears)
	}
	return nil
}

// ParseDate reads a date written YYYY-MM-DD (as HTML date inputs send it) or DD-MM-YYYY.
func ParseDate(field, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02-01-2006", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 2000 || t.Year() > 2100 {
				break
			}
			return t, nil
		}
	}
	return time.Time{}, Invalid(field, MsgDateCannotBeRead, s)
}

// AgentAction is something a change agent did for an activity, with evidence.
type AgentAction struct {
	ID           int64
	AgentID      int64
	ActivityID   int64
	DoneOn       time.Time
	Description  string
	EvidenceIDs  []int64
	Evidence     []Evidence // the files of EvidenceIDs, for their names
	CreatedAt    time.Time
	ActivityName string
}

// AgentActionInput is what records an action.
type AgentActionInput struct {
	ActivityID  int64
	DoneOn      string
	Description string

	Done time.Time
}

// Validate checks an action.
func (in *AgentActionInput) Validate() error {
	in.Description = strings.TrimSpace(in.Description)
	if in.ActivityID == 0 {
		return Invalid("activity_id", MsgChooseActivityCarriedOut)
	}
	if in.Description == "" || len([]rune(in.Description)) > 2000 {
		return Invalid("description", MsgDescribeWhatDoneMostCharacters)
	}
	var err error
	in.Done, err = ParseDate("done_on", in.DoneOn)
	return err
}

// Report statuses of a change agent's monthly report. A version that a newer
// one replaced before the leader decided it is superseded.
const (
	ReportSubmitted  = "submitted"
	ReportApproved   = "approved"
	ReportReturned   = "returned"
	ReportSuperseded = "superseded"
)

// AgentReport is one version of the monthly report of a change agent,
// approved or returned by the unit leader. Every version is kept: a second
// report for the same month is version 2, and the first stays readable.
type AgentReport struct {
	ID          int64
	AgentID     int64
	Month       string // YYYY-MM
	Version     int    // 1 for the first report of the month
	Summary     string
	Status      string
	SubmittedAt time.Time
	DecidedBy   int64
	DecidedAt   time.Time
	Comment     string
	Evidence    []Evidence // photos, attendance lists
	Actions     []AgentAction
	UnitID      int64
	UnitName    string
	AgentName   string
}

// AgentReportInput is what an agent submits as a monthly report.
type AgentReportInput struct {
	Month   string // YYYY-MM
	Summary string
	// Today is the day in the instansi's calendar; a report for a later month is refused.
	Today time.Time

	FirstDay time.Time // of Month, set by Validate
}

// Validate checks the month (not in the future) and the summary.
func (in *AgentReportInput) Validate() error {
	in.Summary = strings.TrimSpace(in.Summary)
	m, err := ParseMonth(in.Month)
	if err != nil {
		return err
	}
	if this := time.Date(in.Today.Year(), in.Today.Month(), 1, 0, 0, 0, 0, time.UTC); m.After(this) {
		return Invalid("month", MsgMonthNotComeYetMonthly, in.Month, this.Format("2006-01"))
	}
	if in.Summary == "" || len([]rune(in.Summary)) > 5000 {
		return Invalid("summary", MsgWriteSummaryMonthReport)
	}
	in.FirstDay = m
	return nil
}

// ParseMonth reads a month written YYYY-MM.
func ParseMonth(s string) (time.Time, error) {
	t, err := time.Parse("2006-01", strings.TrimSpace(s))
	if err != nil || t.Year() < 2000 || t.Year() > 2100 {
		return time.Time{}, Invalid("month", MsgReportMonthMustBeWritten, s)
	}
	return t, nil
}

// MaySubmitAgentReport decides whether agent may submit a new version of
// the report of month (a first day of month) when latestStatus is the status
// of the month's newest version ("" when none): the month must lie in the
// agent's term, and an approved month is closed.
func MaySubmitAgentReport(agent *ChangeAgent, month time.Time, latestStatus string) error {
	key := month.Format("2006-01")
	if month.AddDate(0, 1, -1).Before(agent.StartsOn) || month.After(agent.EndsOn) {
		return Invalid("month", MsgMonthLiesOutsideAgent,
			key, agent.StartsOn.Format("2006-01-02"), agent.EndsOn.Format("2006-01-02"))
	}
	if latestStatus == ReportApproved {
		return Invalid("month", MsgReportBeenApprovedLeader, key)
	}
	return nil
}

// ChecklistCriterion is one thing an instansi checks each unit does to
// internalise the values, worth some points.
type ChecklistCriterion struct {
	ID          int64
	Code        string
	Name        string
	Description string
	Points      int
	Active      bool
	Position    int
}

// ChecklistCriterionInput is what defines a criterion.
type ChecklistCriterionInput struct {
	Code        string
	Name        string
	Description string
	Points      string

	ParsedPoints int
}

// Validate checks a criterion.
func (in *ChecklistCriterionInput) Validate() error {
	in.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	in.Name = strings.TrimSpace(in.Name)
	in.Description = strings.TrimSpace(in.Description)
	if err := validateShortCode("code", in.Code); err != nil {
		return err
	}
	if in.Name == "" || len([]rune(in.Name)) > 300 {
		return Invalid("name", MsgCriterionNameRequiredMostCharacters)
	}
	p, err := strconv.Atoi(strings.TrimSpace(in.Points))
	if err != nil || p < 1 || p > 100 {
		return Invalid("points", MsgPointsCriterionMustBeWhole)
	}
	in.ParsedPoints = p
	return nil
}

// ChecklistPeriod is a reporting period of the internalisation checklist, e.g. "Semester I 2026".
type ChecklistPeriod struct {
	ID       int64
	Name     string
	StartsOn time.Time
	EndsOn   time.Time
}

// Checklist report statuses.
const (
	ChecklistSubmitted = "submitted"
	ChecklistAccepted  = "accepted"
	ChecklistRejected  = "rejected"
)

// ChecklistReport is a unit's report that it fulfilled one criterion in a period.
type ChecklistReport struct {
	ID          int64
	PeriodID    int64
	UnitID      int64
	CriterionID int64
	Note        string
	Status      string
	SubmittedBy int64
	SubmittedAt time.Time
	VerifiedBy  int64
	VerifiedAt  time.Time
	Comment     string
	EvidenceIDs []int64
	Evidence    []Evidence // the files of EvidenceIDs, for their names
	UnitName    string
	Criterion   string
	Points      int
}

// ChecklistScore is a unit's internalisation score in a period: the points of
// accepted reports over the points of all active criteria.
type ChecklistScore struct {
	UnitID    int64
	Points    int // accepted
	MaxPoints int // every active criterion
	Pending   int // reports awaiting verification
}

// Percent is the score in percent of the maximum (0 when there are no criteria).
func (s ChecklistScore) Percent() float64 {
	if s.MaxPoints == 0 {
		return 0
	}
	return float64(s.Points) / float64(s.MaxPoints) * 100
}

// ChangeAgentFilter selects appointments.
type ChangeAgentFilter struct {
	UnitID     int64
	UserID     int64
	ActiveOn   time.Time // only appointments holding on that day
	IncludeEnd bool      // with ActiveOn zero: also appointments ended early
}

// AgentReportFilter selects reports.
type AgentReportFilter struct {
	AgentID int64
	UnitIDs []int64 // reports of agents of these units
	Status  string
}

// ChecklistReportFilter selects checklist reports.
type ChecklistReportFilter struct {
	PeriodID int64
	UnitID   int64
	Status   string
}
