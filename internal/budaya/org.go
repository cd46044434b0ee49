package budaya

import (
	"strings"
	"time"
)

// Unit levels, from the top of the tree down.
const (
	LevelEselon1       = "eselon1"
	LevelEselon2       = "eselon2"
	LevelEselon3       = "eselon3"
	LevelEselon4       = "eselon4"
	LevelNonstruktural = "nonstruktural"
)

// UnitLevels lists the levels in order.
var UnitLevels = []string{LevelEselon1, LevelEselon2, LevelEselon3, LevelEselon4, LevelNonstruktural}

// Unit is an organisational unit (unit kerja) in the tree of the instansi.
type Unit struct {
	ID               int64
	Code             string
	Name             string
	Level            string
	ParentID         int64  // 0 for the root
	Path             string // "/1/5/23/": the ids from the root down, for subtree queries
	Depth            int
	LeaderEmployeeID int64 // 0 when no leader is set
	ClosedAt         time.Time
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Closed reports whether the unit is closed.
func (u *Unit) Closed() bool { return !u.ClosedAt.IsZero() }

// Position kinds (jenis jabatan).
const (
	PositionStruktural = "struktural"
	PositionFungsional = "fungsional"
	PositionPelaksana  = "pelaksana"
)

// Employment statuses.
const (
	StatusPNS     = "PNS"
	StatusPPPK    = "PPPK"
	StatusLainnya = "lainnya"
)

// Employee is a person of the instansi (pegawai).
type Employee struct {
	ID           int64
	NIP          string // 18 digits for PNS (and PPPK NI); empty for staff with another identifier
	OtherID      string // identifier for non-PNS staff
	Name         string
	FrontTitle   string // gelar depan, e.g. "Dr."
	BackTitle    string // gelar belakang, e.g. "S.E., M.Si."
	Position     string // jabatan
	PositionKind string
	Rank         string // golongan/ruang, e.g. "III/c"
	Status       string
	UnitID       int64
	SupervisorID int64 // atasan langsung; 0 when none
	Email        string
	Active       bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// FullName is the name with academic titles as written in Indonesian documents:
// "Dr. Siti Aminah, S.E., M.Si.".
func (e *Employee) FullName() string {
	n := e.Name
	if e.FrontTitle != "" {
		n = e.FrontTitle + " " + n
	}
	if e.BackTitle != "" {
		n += ", " + e.BackTitle
	}
	return n
}

// Identifier is the NIP, or the other identifier for non-PNS staff.
func (e *Employee) Identifier() string {
	if e.NIP != "" {
		return e.NIP
	}
	return e.OtherID
}

// NIP is a parsed Nomor Induk Pegawai: 18 digits = birth date YYYYMMDD, start
// of service YYYYMM, gender 1 (male) or 2 (female), sequence 3 digits. The
// NI PPPK has the same shape with "21" (the PPPK code) in place of the month.
type NIP struct {
	Raw       string
	BirthDate time.Time
	Start     time.Time // first day of the month of appointment (TMT CPNS); January for a NI PPPK
	Gender    int       // 1 male, 2 female
	Sequence  int
	PPPK      bool // a NI PPPK rather than a NIP of a PNS
}

// NormalizeNIP strips what spreadsheets and people add to a NIP: spaces
// (also non-breaking), dots and dashes used as separators, and Excel's leading
// apostrophe that forces text.
func NormalizeNIP(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "'")
	s = strings.TrimPrefix(s, "‘")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\u00a0', '\t', '.', '-':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ParseNIP validates a NIP after NormalizeNIP and returns its parts. The error
// says what is wrong in both languages.
func ParseNIP(s string) (NIP, error) {
	raw := NormalizeNIP(s)
	n := NIP{Raw: raw}
	if strings.ContainsAny(raw, "eE") && strings.Contains(raw, "+") {
		return n, Invalid("nip", MsgNIPLooksLikeExcel, s)
	}
	if len(raw) != 18 {
		return n, Invalid("nip", MsgNIPMustBeDigits, s, len(raw))
	}
	for _, c := range raw {
		if c < '0' || c > '9' {
			return n, Invalid("nip", MsgNIPMayHoldOnlyDigits, s, string(c))
		}
	}
	birth, err := time.Parse("20060102", raw[0:8])
	if err != nil || birth.Year() < 1900 {
		return n, Invalid("nip", MsgNIPBirthDateFirst, raw, raw[0:8])
	}
	startDigits := raw[8:14]
	if raw[12:14] == "21" {
		n.PPPK = true
		startDigits = raw[8:12] + "01"
	}
	start, err := time.Parse("200601", startDigits)
	if err != nil || start.Year() < 1900 {
		return n, Invalid("nip", MsgNIPAppointmentMonthDigits, raw, raw[8:14])
	}
	if !start.After(birth) {
		return n, Invalid("nip", MsgNIPAppointmentMonthCannotBeBeforeBirth, raw, raw[8:14], raw[0:8])
	}
	switch raw[14] {
	case '1':
		n.Gender = 1
	case '2':
		n.Gender = 2
	default:
		return n, Invalid("nip", MsgNIPDigitGenderMustBeNot, raw, raw[14])
	}
	n.BirthDate, n.Start = birth, start
	n.Sequence = int(raw[15]-'0')*100 + int(raw[16]-'0')*10 + int(raw[17]-'0')
	if n.Sequence == 0 {
		// Sequences start at 001; trailing zeros are what Excel leaves of a
		// NIP it stored as a number (15 significant digits).
		return n, Invalid("nip", MsgNIPEndsSequenceNumber, raw)
	}
	return n, nil
}
