package budaya

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// LevelRank is the position of level in UnitLevels (0 for eselon I), or -1
// when level is unknown.
func LevelRank(level string) int {
	for i, l := range UnitLevels {
		if l == level {
			return i
		}
	}
	return -1
}

// LevelFitsUnder reports whether a unit of level child may sit under a unit of
// level parent: a structural unit sits below a higher eselon, and a
// non-structural unit (a team, a functional group) may sit anywhere.
func LevelFitsUnder(child, parent string) bool {
	if child == LevelNonstruktural {
		return true
	}
	if parent == LevelNonstruktural {
		return false
	}
	return LevelRank(child) > LevelRank(parent)
}

// NormalizeUnit trims the fields of u and checks code, name and level.
func NormalizeUnit(u *Unit) error {
	u.Code = strings.ToUpper(strings.TrimSpace(u.Code))
	u.Name = strings.Join(strings.Fields(u.Name), " ")
	u.Level = strings.TrimSpace(u.Level)
	if u.Code == "" {
		return Invalid("code", MsgUnitCodeRequired)
	}
	if len(u.Code) > 32 {
		return Invalid("code", MsgUnitCodeMustBeMostCharacters)
	}
	for _, c := range u.Code {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' || c == '/') {
			return Invalid("code", MsgUnitCodeMayHold, u.Code)
		}
	}
	if u.Name == "" {
		return Invalid("name", MsgUnitNameRequired)
	}
	if utf8.RuneCountInString(u.Name) > 200 {
		return Invalid("name", MsgUnitNameMustBeMostCharacters)
	}
	if LevelRank(u.Level) < 0 {
		return Invalid("level", MsgUnknownUnitLevelChoose, u.Level)
	}
	return nil
}

// PositionKinds lists the kinds of position (jenis jabatan).
var PositionKinds = []string{PositionStruktural, PositionFungsional, PositionPelaksana}

// EmploymentStatuses lists the employment statuses.
var EmploymentStatuses = []string{StatusPNS, StatusPPPK, StatusLainnya}

// Ranks lists the golongan/ruang of PNS, from the lowest.
var Ranks = []string{
	"I/a", "I/b", "I/c", "I/d",
	"II/a", "II/b", "II/c", "II/d",
	"III/a", "III/b", "III/c", "III/d",
	"IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// NormalizeEmployee trims the fields of e, normalises the NIP and checks every
// field: a valid NIP or another identifier, a name, a known position kind,
// status and rank, and a well-formed e-mail address. PNS need a NIP.
func NormalizeEmployee(e *Employee) error {
	e.NIP = NormalizeNIP(e.NIP)
	e.OtherID = strings.TrimSpace(e.OtherID)
	e.Name = strings.Join(strings.Fields(e.Name), " ")
	e.FrontTitle = strings.TrimSpace(e.FrontTitle)
	e.BackTitle = strings.TrimSpace(e.BackTitle)
	e.Position = strings.Join(strings.Fields(e.Position), " ")
	e.PositionKind = strings.TrimSpace(e.PositionKind)
	e.Rank = strings.TrimSpace(e.Rank)
	e.Status = strings.TrimSpace(e.Status)
	e.Email = strings.ToLower(strings.TrimSpace(e.Email))
	if e.PositionKind == "" {
		e.PositionKind = PositionPelaksana
	}
	if e.Status == "" {
		e.Status = StatusPNS
	}
	if e.NIP != "" {
		if _, err := ParseNIP(e.NIP); err != nil {
			return err
		}
	}
	if e.NIP == "" && e.OtherID == "" {
		return Invalid("nip", MsgEnterNIPDigitsNon)
	}
	if e.Status == StatusPNS && e.NIP == "" {
		return Invalid("nip", MsgPNSEmployeeMustNIP)
	}
	if utf8.RuneCountInString(e.OtherID) > 64 {
		return Invalid("other_id", MsgOtherIdentifierMustBeMostCharacters)
	}
	if e.Name == "" {
		return Invalid("name", MsgEmployeeNameRequired)
	}
	if utf8.RuneCountInString(e.Name) > 200 || utf8.RuneCountInString(e.FrontTitle) > 60 || utf8.RuneCountInString(e.BackTitle) > 100 {
		return Invalid("name", MsgNameMayMostCharacters)
	}
	if utf8.RuneCountInString(e.Position) > 200 {
		return Invalid("position", MsgPositionMustBeMostCharacters)
	}
	if !oneOf(e.PositionKind, PositionKinds) {
		return Invalid("position_kind", MsgUnknownPositionKindChoose, e.PositionKind)
	}
	if !oneOf(e.Status, EmploymentStatuses) {
		return Invalid("status", MsgUnknownEmploymentStatusChoose, e.Status)
	}
	if e.Rank != "" && !oneOf(e.Rank, Ranks) && !pppkGrade(e.Rank) {
		return Invalid("rank", MsgUnknownRankWriteLike, e.Rank)
	}
	if e.Email != "" {
		a, err := mail.ParseAddress(e.Email)
		if err != nil || a.Address != e.Email || !strings.Contains(e.Email, "@") {
			return Invalid("email", MsgMailAddressNotValid, e.Email)
		}
	}
	if e.UnitID == 0 {
		return Invalid("unit", MsgChooseEmployeeUnit)
	}
	if e.SupervisorID != 0 && e.SupervisorID == e.ID {
		return Invalid("supervisor", MsgEmployeeCannotBeTheirOwn)
	}
	return nil
}

// pppkGrade reports whether s is a PPPK grade, I to XVII in Roman numerals.
func pppkGrade(s string) bool {
	return oneOf(s, []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"})
}

// UnitFilter selects units.
type UnitFilter struct {
	Query         string // matches name or code, case-insensitive
	ParentID      int64  // only the children of this unit
	Roots         bool   // only units without a parent
	UnderID       int64  // only this unit and the units below it
	IncludeClosed bool
	Page          int // 1-based
	PerPage       int // 0 means all (units are few)
}

// EmployeeFilter selects employees.
type EmployeeFilter struct {
	UnitID          int64
	Subtree         bool       // with UnitID: include the units below it
	Scope           *UnitScope // when set: only staff of units in it (a Reader's scope)
	Query           string     // matches name (case-insensitive) or NIP / other identifier
	SupervisorID    int64
	IncludeInactive bool
	Page            int // 1-based
	PerPage         int
}

// PasswordLinkLifetime is how long a one-time link to set a password stays valid.
const PasswordLinkLifetime = 72 * time.Hour

// UnitScoped reports whether role r is held for a unit (pimpinan, agen perubahan).
func UnitScoped(r Role) bool { return r == RolePimpinan || r == RoleAgenPerubahan }

// UsernameFor derives the default username of an employee's account: the NIP,
// or the other identifier reduced to the characters a username may hold.
func UsernameFor(e *Employee) string {
	if e.NIP != "" {
		return e.NIP
	}
	var b strings.Builder
	for _, c := range strings.ToLower(e.OtherID) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' {
			b.WriteRune(c)
		}
	}
	s := b.String()
	for len(s) < 3 {
		s += "_"
	}
	if len(s) > 64 {
		s = s[:64]
	}
	return s
}
