// Package budaya holds the domain of the budaya work-culture programme: its
// types, validation rules and error codes. It imports neither storage nor web.
package budaya

import (
	"errors"
	"fmt"
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

// Errorf returns an *Error with the given code and messages in both languages.
func Errorf(code, id, en string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(id, args...), MessageEN: fmt.Sprintf(en, args...)}
}

// Invalid returns an EINVALID error about field.
func Invalid(field, id, en string, args ...any) *Error {
	e := Errorf(EINVALID, id, en, args...)
	e.Field = field
	return e
}

// NotFound returns an ENOTFOUND error naming what was not found.
func NotFound(whatID, whatEN string) *Error {
	return &Error{Code: ENOTFOUND, Message: whatID + " tidak ditemukan.", MessageEN: whatEN + " not found."}
}

// Forbidden returns the standard EFORBIDDEN error.
func Forbidden() *Error {
	return Errorf(EFORBIDDEN, "Anda tidak berwenang melakukan ini.", "You are not allowed to do this.")
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
