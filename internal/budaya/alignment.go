package budaya

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// CheckinGrace is how long before the start and after the end of an alignment
// session its QR check-in link still works.
const CheckinGrace = 30 * time.Minute

// AlignmentSession is a Leader Alignment Session: the unit leaders meet, unify
// their commitment, and each signs a pledge (pakta komitmen) for their unit.
type AlignmentSession struct {
	ID             int64
	Title          string
	StartsAt       time.Time
	EndsAt         time.Time
	Place          string
	OnlineURL      string
	Facilitator    string
	Agenda         string
	PledgeTemplate string // with placeholders, see PledgePlaceholders
	FrameworkID    int64  // the framework version whose values the pledge names
	CheckinToken   string // random, in the QR check-in URL
	CreatedBy      int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Sequence is the SEQUENCE of the session's calendar object: it rises
	// with every change sent to the invitees (RFC 5545, 3.8.7.4).
	Sequence    int
	CancelledAt time.Time // zero while the session stands
}

// Cancelled reports whether the session was called off.
func (s *AlignmentSession) Cancelled() bool { return !s.CancelledAt.IsZero() }

// CheckinOpen reports whether QR check-in works at now: inside the session
// window, with CheckinGrace either side.
func (s *AlignmentSession) CheckinOpen(now time.Time) bool {
	return !now.Before(s.StartsAt.Add(-CheckinGrace)) && !now.After(s.EndsAt.Add(CheckinGrace))
}

// Past reports whether the session has ended at now.
func (s *AlignmentSession) Past(now time.Time) bool { return now.After(s.EndsAt) }

// PledgePlaceholders are the placeholders a pledge template may hold.
var PledgePlaceholders = []string{"{nama}", "{jabatan}", "{unit}", "{tanggal}", "{nilai}"}

// DefaultPledgeTemplate is the pakta komitmen offered when an admin plans a session.
const DefaultPledgeTemplate = `PAKTA KOMITMEN PENERAPAN NILAI DASAR ASN BerAKHLAK

Saya yang bertanda tangan di bawah ini, {nama}, {jabatan}, selaku pimpinan {unit}, pada tanggal {tanggal} dengan sungguh-sungguh berkomitmen untuk:
1. menerapkan dan meneladankan nilai dasar ASN {nilai} dalam setiap pelaksanaan tugas;
2. memimpin internalisasi budaya kerja di unit kerja yang saya pimpin;
3. melaksanakan rencana aksi unit kerja sebagaimana tercantum di bawah ini dan melaporkan kemajuannya dengan bukti dukung.

Bangga Melayani Bangsa.`

// SessionInput is what an admin enters to plan or change a session.
type SessionInput struct {
	Title          string
	StartsAt       time.Time
	EndsAt         time.Time
	Place          string
	OnlineURL      string
	Facilitator    string
	Agenda         string
	PledgeTemplate string
}

// Validate trims and checks the input.
func (in *SessionInput) Validate() error {
	in.Title = strings.TrimSpace(in.Title)
	in.Place = strings.TrimSpace(in.Place)
	in.OnlineURL = strings.TrimSpace(in.OnlineURL)
	in.Facilitator = strings.TrimSpace(in.Facilitator)
	in.Agenda = strings.TrimSpace(in.Agenda)
	in.PledgeTemplate = strings.TrimSpace(strings.ReplaceAll(in.PledgeTemplate, "\r\n", "\n"))
	if in.Title == "" || len([]rune(in.Title)) > 200 {
		return Invalid("title", MsgSessionTitleRequiredMostCharacters)
	}
	if in.StartsAt.IsZero() {
		return Invalid("starts_at", MsgEnterDateTimeSession)
	}
	if in.EndsAt.IsZero() || !in.EndsAt.After(in.StartsAt) {
		return Invalid("ends_at", MsgEndTimeMustBeAfterStart)
	}
	if in.EndsAt.Sub(in.StartsAt) > 72*time.Hour {
		return Invalid("ends_at", MsgSessionLastsMostDays)
	}
	if in.Place == "" && in.OnlineURL == "" {
		return Invalid("place", MsgEnterPlaceOnlineLink)
	}
	if in.OnlineURL != "" {
		u, err := url.Parse(in.OnlineURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return Invalid("online_url", MsgOnlineLinkMustBeFull)
		}
	}
	if len([]rune(in.Place)) > 300 || len([]rune(in.Facilitator)) > 200 || len([]rune(in.Agenda)) > 5000 {
		return Invalid("agenda", MsgPlaceMayBeMostFacilitator)
	}
	if in.PledgeTemplate == "" {
		in.PledgeTemplate = DefaultPledgeTemplate
	}
	if len([]rune(in.PledgeTemplate)) > 10000 {
		return Invalid("pledge_template", MsgPledgeTextMayBeMostCharacters)
	}
	if !strings.Contains(in.PledgeTemplate, "{nama}") || !strings.Contains(in.PledgeTemplate, "{unit}") {
		return Invalid("pledge_template", MsgPledgeTextMustContain)
	}
	if unknown := unknownPlaceholders(in.PledgeTemplate); len(unknown) > 0 {
		return Invalid("pledge_template", MsgUnknownPlaceholderUseNama, unknown[0])
	}
	return nil
}

func unknownPlaceholders(t string) []string {
	var out []string
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			return out
		}
		p := t[i : i+j+1]
		known := false
		for _, k := range PledgePlaceholders {
			known = known || p == k
		}
		if !known {
			out = append(out, p)
		}
		t = t[i+j+1:]
	}
}

// Invitee is a leader invited to a session, with their attendance.
type Invitee struct {
	SessionID     int64
	EmployeeID    int64
	UnitID        int64 // the unit they commit for
	Name          string
	Position      string
	UnitName      string
	UnitLevel     string
	UnitPath      string
	InvitedAt     time.Time
	CheckedInAt   time.Time // zero: not attended
	CheckinMethod string    // CheckinQR or CheckinAdmin
	CheckedInBy   string    // who ticked them off, or who came in their place
}

// Check-in methods.
const (
	CheckinQR    = "qr"
	CheckinAdmin = "admin"
)

// Attended reports whether the invitee checked in.
func (i *Invitee) Attended() bool { return !i.CheckedInAt.IsZero() }

// Acting kinds: Plt. (pelaksana tugas, the post is vacant) and Plh. (pelaksana
// harian, the holder is away for a while).
const (
	ActingPlt = "plt"
	ActingPlh = "plh"
)

// ActingLabel is how an acting kind is written before a position: "Plt." or "Plh.".
func ActingLabel(kind string) string {
	switch kind {
	case ActingPlt:
		return "Plt."
	case ActingPlh:
		return "Plh."
	}
	return ""
}

// Delegation records that an employee acts as leader of a unit for a period.
type Delegation struct {
	ID           int64
	UnitID       int64
	EmployeeID   int64
	Kind         string // ActingPlt or ActingPlh
	DecreeNumber string
	StartsOn     time.Time // a date, in UTC
	EndsOn       time.Time // a date, in UTC, inclusive
	CreatedBy    int64
	CreatedAt    time.Time
	// Filled in by the store for display.
	EmployeeName string
	UnitName     string
}

// Covers reports whether the delegation is in force on the day of t.
func (d *Delegation) Covers(t time.Time) bool {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return !day.Before(d.StartsOn) && !day.After(d.EndsOn)
}

// Validate checks the delegation's own fields.
func (d *Delegation) Validate() error {
	d.DecreeNumber = strings.TrimSpace(d.DecreeNumber)
	if d.Kind != ActingPlt && d.Kind != ActingPlh {
		return Invalid("kind", MsgKindMustBePlt)
	}
	if d.UnitID == 0 || d.EmployeeID == 0 {
		return Invalid("employee", MsgChooseUnitActingEmployee)
	}
	if d.DecreeNumber == "" || len(d.DecreeNumber) > 100 {
		return Invalid("decree_number", MsgNumberDecreeRequiredMostCharacters)
	}
	if d.StartsOn.IsZero() || d.EndsOn.IsZero() || d.EndsOn.Before(d.StartsOn) {
		return Invalid("ends_on", MsgEnterStartEndDates)
	}
	return nil
}

// Pledge is a signed pakta komitmen. Once stored it never changes: a
// correction is a new pledge that supersedes it, and both are kept.
type Pledge struct {
	ID               int64
	SessionID        int64
	UnitID           int64
	InviteeID        int64 // the employee invited for the unit
	SignerEmployeeID int64 // the invitee, or the acting official
	SignerUserID     int64
	SignerName       string
	SignerNIP        string
	SignerPosition   string // as written on the pledge, with "Plt."/"Plh." when acting
	UnitName         string
	ActingKind       string // "", ActingPlt or ActingPlh
	DecreeNumber     string
	Text             string // the exact text signed
	SHA256           string // hex SHA-256 of Text
	SignedAt         time.Time
	SupersedesID     int64
	Reason           string // why a correction was made
	SupersededByID   int64  // filled in by the store
	SupersededAt     time.Time
}

// Current reports whether no later pledge supersedes p.
func (p *Pledge) Current() bool { return p.SupersededByID == 0 }

// Genuine reports whether the stored text still hashes to the stored SHA-256.
func (p *Pledge) Genuine() bool { return PledgeHash(p.Text) == p.SHA256 }

// PledgeHash is the hex SHA-256 of the exact pledge text (UTF-8 bytes).
func PledgeHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// PledgeFields fill the placeholders of a pledge template.
type PledgeFields struct {
	Name     string
	Position string
	Unit     string
	Date     string
	Values   string
}

// RenderPledge fills the placeholders of template.
func RenderPledge(template string, f PledgeFields) string {
	return strings.NewReplacer("{nama}", f.Name, "{jabatan}", f.Position, "{unit}", f.Unit, "{tanggal}", f.Date, "{nilai}", f.Values).Replace(template)
}

// SameName reports whether typed is the full name (with or without academic
// titles), ignoring case, spacing and punctuation.
func SameName(typed string, e *Employee) bool {
	t := nameKey(typed)
	return t != "" && (t == nameKey(e.Name) || t == nameKey(e.FullName()))
}

func nameKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Commitment statuses.
const (
	CommitmentPlanned    = "planned"
	CommitmentInProgress = "in_progress"
	CommitmentDone       = "done"
	CommitmentDropped    = "dropped"
)

// CommitmentStatuses lists the statuses in order.
var CommitmentStatuses = []string{CommitmentPlanned, CommitmentInProgress, CommitmentDone, CommitmentDropped}

// Commitment is an action item (rencana aksi) a leader commits their unit to.
type Commitment struct {
	ID        int64
	SessionID int64 // 0 when not tied to a session
	// SessionTitle is the title of the session, "" when not tied to one.
	SessionTitle string
	UnitID       int64
	UnitName     string
	FrameworkID  int64
	Title        string   // what will be done
	Codes        []string // value and behaviour codes it serves, e.g. BP, BP1, JUJUR
	DueDate      time.Time
	OwnerID      int64 // employee responsible
	OwnerName    string
	Measure      string // what counts as done
	Status       string
	CreatedBy    int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Notes        []CommitmentNote
}

// Overdue reports whether the commitment is open after its due date (a date in UTC), as of now.
func (c *Commitment) Overdue(now time.Time) bool {
	if c.Status == CommitmentDone || c.Status == CommitmentDropped || c.DueDate.IsZero() {
		return false
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return c.DueDate.Before(today)
}

// CommitmentNote is a dated progress note, optionally changing the status, with evidence.
type CommitmentNote struct {
	ID           int64
	CommitmentID int64
	At           time.Time
	AuthorID     int64
	AuthorName   string
	FromStatus   string
	ToStatus     string
	Text         string
	Evidence     []Evidence
}

// CommitmentInput is what a leader enters for an action item.
type CommitmentInput struct {
	SessionID int64
	UnitID    int64
	Title     string
	Codes     []string
	DueDate   time.Time
	OwnerID   int64
	Measure   string
}

// Validate checks the input against framework f: every code names a value or behaviour of f.
func (in *CommitmentInput) Validate(f *Framework) error {
	in.Title = strings.TrimSpace(in.Title)
	in.Measure = strings.TrimSpace(in.Measure)
	if in.UnitID == 0 {
		return Invalid("unit", MsgChooseUnitActionItem)
	}
	if in.Title == "" || len([]rune(in.Title)) > 300 {
		return Invalid("title", MsgWriteWhatWillBeDone)
	}
	if in.Measure == "" || len([]rune(in.Measure)) > 1000 {
		return Invalid("measure", MsgWriteMeasureDoneWhenAction)
	}
	if in.DueDate.IsZero() {
		return Invalid("due_date", MsgEnterDueDate)
	}
	if in.OwnerID == 0 {
		return Invalid("owner", MsgChooseWhoOwnsAction)
	}
	known := map[string]bool{}
	for _, v := range f.Values {
		known[v.Code] = true
		for _, b := range v.Behaviours {
			known[b.Code] = true
		}
	}
	seen := map[string]bool{}
	var codes []string
	for _, c := range in.Codes {
		c = strings.ToUpper(strings.TrimSpace(c))
		if c == "" || seen[c] {
			continue
		}
		if !known[c] {
			return Invalid("codes", MsgValueBehaviourCodeNotFramework, c)
		}
		seen[c] = true
		codes = append(codes, c)
	}
	if len(codes) == 0 {
		return Invalid("codes", MsgChooseLeastOneBerakhlak)
	}
	in.Codes = codes
	return nil
}

// CommitmentFilter selects commitments.
type CommitmentFilter struct {
	SessionID int64
	UnitID    int64 // only this unit
	Scope     UnitScope
	Status    string
	Codes     []string  // only commitments aimed at one of these value or behaviour codes
	Overdue   bool      // only open commitments due before Today
	Today     time.Time // a date
	Page      int
	PerPage   int
}

// PledgeFilter selects pledges.
type PledgeFilter struct {
	SessionID int64
	Scope     UnitScope
	Page      int
	PerPage   int
}

// CoverageRow is one unit on the coverage board.
type CoverageRow struct {
	UnitID     int64
	UnitCode   string
	UnitName   string
	UnitLevel  string
	UnitPath   string
	Leader     string
	Invited    bool
	Attended   bool
	Signed     bool
	PledgeID   int64
	Planned    int
	InProgress int
	Done       int
	Dropped    int
	Overdue    int
}

// Commitments is the number of commitments of the row.
func (r CoverageRow) Commitments() int { return r.Planned + r.InProgress + r.Done + r.Dropped }

// CoverageFilter selects the coverage board.
type CoverageFilter struct {
	SessionID int64  // 0: overall, every session
	Level     string // "" for every level
	Scope     UnitScope
}

// UnitScope is the part of the unit tree a user may see: all of it (admins,
// auditors) or the subtrees of the units they lead.
type UnitScope struct {
	All   bool
	Paths []string // unit paths such as "/1/5/"; each covers its subtree
}

// Contains reports whether the unit with path lies in the scope.
func (s UnitScope) Contains(path string) bool {
	if s.All {
		return true
	}
	for _, p := range s.Paths {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// SessionFilter selects alignment sessions.
type SessionFilter struct {
	Scope      UnitScope
	EmployeeID int64 // also the sessions this employee is invited to
	Page       int
	PerPage    int
}

var monthsID = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// FormatDateID writes the date of t as Indonesian documents do: "27 November 2026".
func FormatDateID(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), monthsID[t.Month()-1], t.Year())
}

// NoteInput is a progress note on a commitment, optionally changing its status.
type NoteInput struct {
	Status   string // the new status; "" keeps it
	Text     string
	Evidence []int64   // evidence files already stored
	At       time.Time // backdates the note, for the demo data only; zero is now
}

// SignInput is a leader's request to sign the pledge of a unit in a session.
type SignInput struct {
	SessionID  int64
	UnitID     int64
	Signer     *User  // must be linked to an employee
	Password   string // the signer confirms with their password
	TypedName  string // and types their full name
	Supersedes int64  // for a correction: the current pledge it replaces
	Reason     string // why the correction is made
	Location   *time.Location
	RemoteAddr string
	// At backdates the signature, for the demo data only (a past session);
	// the web never sets it, so real pledges carry the server's time.
	At time.Time
}
