package budaya

import (
	"strings"
	"time"
	"unicode"
)

// Role is what a user may do. A user may hold several.
type Role string

// The roles of budaya.
const (
	RoleAdmin         Role = "admin"
	RolePimpinan      Role = "pimpinan"
	RoleAgenPerubahan Role = "agen_perubahan"
	RolePegawai       Role = "pegawai"
	RoleAuditor       Role = "auditor"
)

// Roles lists every role, in the order they are shown.
var Roles = []Role{RoleAdmin, RolePimpinan, RoleAgenPerubahan, RolePegawai, RoleAuditor}

// ParseRole checks that s names a role.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", Invalid("role", MsgUnknownRoleChooseOneAdmin, s)
}

// RoleGrant is one role held by a user, scoped to a unit for pimpinan and agen_perubahan.
type RoleGrant struct {
	Role   Role  `json:"role"`
	UnitID int64 `json:"unit_id,omitempty"` // 0 when the role is not tied to a unit
}

// User is someone who can sign in.
type User struct {
	ID          int64
	Username    string
	DisplayName string
	EmployeeID  int64 // 0 when the account is not linked to an employee
	Roles       []RoleGrant
	Disabled    bool
	CreatedAt   time.Time
}

// HasRole reports whether u holds r (for any unit).
func (u *User) HasRole(r Role) bool {
	if u == nil {
		return false
	}
	for _, g := range u.Roles {
		if g.Role == r {
			return true
		}
	}
	return false
}

// RoleNames returns the distinct roles of u, in the order of Roles.
func (u *User) RoleNames() []Role {
	var out []Role
	for _, r := range Roles {
		if u.HasRole(r) {
			out = append(out, r)
		}
	}
	return out
}

// ValidateUsername checks a username: 3..64 characters of letters, digits, dot, dash, underscore.
func ValidateUsername(s string) error {
	if len(s) < 3 || len(s) > 64 {
		return Invalid("username", MsgUsernameMustBeCharacters)
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return Invalid("username", MsgUsernameMayHoldOnlyLetters)
		}
	}
	return nil
}

// hasRepeatedRun reports whether password has a character three times in a
// row. The error does not quote the run: it would echo part of the password.
func hasRepeatedRun(password string) bool {
	r := []rune(password)
	for i := 2; i < len(r); i++ {
		if r[i] == r[i-1] && r[i] == r[i-2] {
			return true
		}
	}
	return false
}

// MinPasswordLength is the least length BSSN 4/2021 allows.
const MinPasswordLength = 12

// ValidatePassword applies the password policy of BSSN 4/2021: at least 12
// characters mixing upper and lower case letters, digits and symbols, no
// character three times in a row, and not containing the username.
func ValidatePassword(password, username string) error {
	if len([]rune(password)) < MinPasswordLength {
		return Invalid("password", MsgPasswordMustBeLeastCharacters, MinPasswordLength)
	}
	if len(password) > 256 {
		return Invalid("password", MsgPasswordMustBeMostCharacters)
	}
	var upper, lower, digit, symbol bool
	for _, c := range password {
		switch {
		case unicode.IsUpper(c):
			upper = true
		case unicode.IsLower(c):
			lower = true
		case unicode.IsDigit(c):
			digit = true
		case unicode.IsPunct(c) || unicode.IsSymbol(c) || unicode.IsSpace(c):
			symbol = true
		}
	}
	var missing []Msg
	if !upper {
		missing = append(missing, MsgPasswordUpperCase)
	}
	if !lower {
		missing = append(missing, MsgPasswordLowerCase)
	}
	if !digit {
		missing = append(missing, MsgPasswordDigit)
	}
	if !symbol {
		missing = append(missing, MsgPasswordSymbol)
	}
	if len(missing) > 0 {
		return Invalid("password", MsgPasswordMustAlsoContain, missing)
	}
	if hasRepeatedRun(password) {
		return Invalid("password", MsgPasswordMustNotContain)
	}
	if username != "" && strings.Contains(strings.ToLower(password), strings.ToLower(username)) {
		return Invalid("password", MsgPasswordMustNotContainUsername)
	}
	return nil
}

// UserInput is what creates a user.
type UserInput struct {
	Username    string
	DisplayName string
	Password    string
	EmployeeID  int64
	Roles       []RoleGrant
}
