// Package budaya holds the domain of the budaya work-culture programme: its
// types, validation rules and error codes. It imports neither storage nor web.
package budaya

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes, mapped to HTTP statuses in one place (web/errors.go).
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	ELOCKED       = "locked"
	ETOOLARGE     = "too_large"   // a request body over its limit
	EBUSY         = "busy"        // saturated for the moment: try again shortly (503)
	EUNAVAILABLE  = "unavailable" // refused for now, e.g. an export whose audit row could not be written
)

// Error is an error a user can read, in Bahasa Indonesia and in English.
type Error struct {
	Code      string
	Message   string // Bahasa Indonesia
	MessageEN string // English
	Field     string // the form field at fault, if any
}

// Error returns the English message, for logs.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("budaya %s (%s): %s", e.Code, e.Field, e.MessageEN)
	}
	return fmt.Sprintf("budaya %s: %s", e.Code, e.MessageEN)
}

// Text returns the message in lang ("id" or "en").
func (e *Error) Text(lang string) string {
	if lang == "en" && e.MessageEN != "" {
		return e.MessageEN
	}
	return e.Message
}

// Msg is a message a user can read, in Bahasa Indonesia and in English: a
// fmt format with the same verbs for the same arguments in both languages.
// Every Msg is a variable of a catalogue file msg_<feature>.go, where the two
// texts stand side by side; its fields are unexported so that no other
// package writes a message inline. TestTranslations (msg_test.go) checks the
// catalogue: both languages, the same verbs, no duplicate text, no unused
// message, and the number of arguments at every call.
type Msg struct {
	id string // Bahasa Indonesia
	en string // English
}

// Text returns the message in lang ("id" or "en") formatted with args. An
// argument that is itself a Msg, a []Msg (joined with commas) or an *Error is
// written in lang too, so a message can name things that have two languages.
func (m Msg) Text(lang string, args ...any) string {
	if lang == "en" {
		return fmt.Sprintf(m.en, localize(lang, args)...)
	}
	return fmt.Sprintf(m.id, localize(lang, args)...)
}

// localize returns args with every Msg, []Msg and *Error written in lang.
func localize(lang string, args []any) []any {
	var out []any
	for i, a := range args {
		var s string
		switch a := a.(type) {
		case Msg:
			s = a.Text(lang)
		case []Msg:
			parts := make([]string, len(a))
			for j, m := range a {
				parts[j] = m.Text(lang)
			}
			s = strings.Join(parts, ", ")
		case *Error:
			s = a.Text(lang)
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		out[i] = s
	}
	if out == nil {
		return args
	}
	return out
}

// Errorf returns an *Error with the given code and the message m in both
// languages, formatted with args (see Msg.Text).
func Errorf(code string, m Msg, args ...any) *Error {
	return &Error{Code: code, Message: m.Text("id", args...), MessageEN: m.Text("en", args...)}
}

// Invalid returns an EINVALID error about field.
func Invalid(field string, m Msg, args ...any) *Error {
	e := Errorf(EINVALID, m, args...)
	e.Field = field
	return e
}

// NotFound returns an ENOTFOUND error; m says what was not found
// (MsgUnitNotFound: "Unit tidak ditemukan.").
func NotFound(m Msg, args ...any) *Error {
	return Errorf(ENOTFOUND, m, args...)
}

// Forbidden returns the standard EFORBIDDEN error.
func Forbidden() *Error {
	return Errorf(EFORBIDDEN, MsgNotAllowedDo)
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, else EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// AsError returns the *Error inside err, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
