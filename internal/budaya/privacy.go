package budaya

import (
	"strings"
	"time"
	"unicode/utf8"
)

// SubjectAnswerWindow is how long a controller has to answer a data subject
// under UU PDP 27/2022: 3 x 24 hours from receiving the request.
const SubjectAnswerWindow = 72 * time.Hour

// SubjectRequestKind is a right a data subject exercises (UU PDP Pasal 5-13).
type SubjectRequestKind string

// The rights budaya records requests for.
const (
	RequestAccess        SubjectRequestKind = "access"        // to see and get a copy of the data (Pasal 7)
	RequestRectification SubjectRequestKind = "rectification" // to correct it (Pasal 6)
	RequestErasure       SubjectRequestKind = "erasure"       // to end processing and delete (Pasal 8)
	RequestRestriction   SubjectRequestKind = "restriction"   // to delay or restrict processing (Pasal 11)
	RequestObjection     SubjectRequestKind = "objection"     // to automated decisions (Pasal 10)
	RequestPortability   SubjectRequestKind = "portability"   // to get it in a usable form (Pasal 13)
	RequestWithdrawal    SubjectRequestKind = "withdrawal"    // to withdraw consent (Pasal 9)
)

// SubjectRequestKinds lists the kinds in the order forms show them.
var SubjectRequestKinds = []SubjectRequestKind{RequestAccess, RequestRectification, RequestErasure, RequestRestriction, RequestObjection, RequestPortability, RequestWithdrawal}

// ParseSubjectRequestKind checks s names a kind.
func ParseSubjectRequestKind(s string) (SubjectRequestKind, error) {
	for _, k := range SubjectRequestKinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", Invalid("kind", MsgRequestKindNotKnown, s)
}

// SubjectRequest is a request of a data subject and its answer.
type SubjectRequest struct {
	ID            int64
	EmployeeID    int64 // 0 when the requester is not on the staff list
	UserID        int64
	RequesterName string
	Kind          SubjectRequestKind
	Detail        string
	ReceivedAt    time.Time
	DueAt         time.Time // ReceivedAt + 3 x 24 hours
	AnsweredAt    time.Time // zero while open
	Answer        string
	RecordedBy    int64
	AnsweredBy    int64
	CreatedAt     time.Time
}

// Open reports whether the request still awaits an answer.
func (r *SubjectRequest) Open() bool { return r.AnsweredAt.IsZero() }

// Overdue reports whether the request is open past its deadline at now, or
// was answered after it.
func (r *SubjectRequest) Overdue(now time.Time) bool {
	if r.Open() {
		return now.After(r.DueAt)
	}
	return r.AnsweredAt.After(r.DueAt)
}

// Validate checks a new request.
func (r *SubjectRequest) Validate(now time.Time) error {
	r.RequesterName = strings.TrimSpace(r.RequesterName)
	r.Detail = strings.TrimSpace(r.Detail)
	if r.RequesterName == "" {
		return Invalid("requester_name", MsgFillRequesterName)
	}
	if utf8.RuneCountInString(r.RequesterName) > 200 || utf8.RuneCountInString(r.Detail) > 4000 {
		return Invalid("detail", MsgNameMayMostCharactersDetail)
	}
	if _, err := ParseSubjectRequestKind(string(r.Kind)); err != nil {
		return err
	}
	if r.ReceivedAt.IsZero() {
		r.ReceivedAt = now
	}
	if r.ReceivedAt.After(now.Add(time.Minute)) {
		return Invalid("received_at", MsgDateReceivedCannotBeFuture)
	}
	r.ReceivedAt = r.ReceivedAt.UTC()
	r.DueAt = r.ReceivedAt.Add(SubjectAnswerWindow)
	return nil
}

// Restriction records that processing of an employee's data is restricted.
type Restriction struct {
	ID           int64
	EmployeeID   int64
	EmployeeName string
	RequestID    int64
	Reason       string
	RestrictedAt time.Time
	RestrictedBy int64
	LiftedAt     time.Time
	LiftedBy     int64
}

// Active reports whether the restriction is in force.
func (r *Restriction) Active() bool { return r.LiftedAt.IsZero() }

// SubjectRequestFilter selects requests.
type SubjectRequestFilter struct {
	OpenOnly   bool
	EmployeeID int64
	Page       int
	PerPage    int
}
