// Package errs is tipsom's one error vocabulary. Services return these kinds;
// the web layer maps them to HTTP statuses and translated messages, so the
// rules never speak HTTP and the handlers never invent their own statuses.
package errs

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// Kind classifies an error for the caller: what went wrong, not where.
type Kind int

const (
	KindInternal     Kind = iota // a bug or an outage: logged, never shown in detail
	KindInvalid                  // the input is wrong; Fields says where
	KindNotFound                 // no such thing, or not visible to this user
	KindConflict                 // the request clashes with stored state
	KindUnauthorised             // not signed in (or the second factor is missing)
	KindForbidden                // signed in, but not allowed
	KindTooMany                  // throttled
	KindTooLarge                 // the request body is over its limit
	KindBadRequest               // a query parameter is malformed or names nothing known
)

// FieldError names one field (or row, or line) and what is wrong with it.
// Key is a message catalogue key; Args fill its template.
type FieldError struct {
	Field string         `json:"field"`
	Key   string         `json:"-"`
	Args  map[string]any `json:"-"`
}

// Error is an error with a kind, a catalogue key for the user-facing message
// and, for invalid input, the fields at fault.
type Error struct {
	Kind     Kind
	Key      string
	Args     map[string]any
	Fields   []FieldError
	Redirect string // where a browser should go instead (e.g. the second-factor page)
	Err      error  // the cause, for logs only
}

func (e *Error) Error() string {
	msg := e.Key
	if len(e.Fields) > 0 {
		msg += ":"
		for _, f := range e.Fields {
			msg += fmt.Sprintf(" %s=%s", f.Field, f.Key)
		}
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Field adds a field error and returns e, for chaining.
func (e *Error) Field(field, key string, args ...any) *Error {
	e.Fields = append(e.Fields, FieldError{Field: field, Key: key, Args: pairs(args)})
	return e
}

// Text adds the first problem of the text v in field: missing when
// required, or longer than max characters. It reports whether v passed, so
// a validator can go on to its own checks of a text that did.
func (e *Error) Text(field, v string, required bool, max int) bool {
	switch {
	case v == "" && required:
		e.Field(field, "err.required")
	case utf8.RuneCountInString(v) > max:
		e.Field(field, "err.too_long", "Max", max)
	default:
		return true
	}
	return false
}

// WithKey returns e with its message key replaced.
func (e *Error) WithKey(key string) *Error { e.Key = key; return e }

// OrNil returns nil when no field error was added, so a validator can build an
// Invalid error as it goes and return it only when something was wrong.
func (e *Error) OrNil() error {
	if e == nil || (e.Kind == KindInvalid && len(e.Fields) == 0) {
		return nil
	}
	return e
}

// FieldKeys maps each field of err to its message key (nil for no error):
// what a test or a command line compares.
func FieldKeys(err error) map[string]string {
	if err == nil {
		return nil
	}
	out := map[string]string{}
	for _, f := range As(err).Fields {
		out[f.Field] = f.Key
	}
	return out
}

// FieldKey returns the message key for field, or "".
func (e *Error) FieldKey(field string) string {
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Key
		}
	}
	return ""
}

func pairs(args []any) map[string]any {
	if len(args) == 0 {
		return nil
	}
	m := make(map[string]any, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		if k, ok := args[i].(string); ok {
			m[k] = args[i+1]
		}
	}
	return m
}

// Invalid starts a validation error; add fields with Field.
func Invalid() *Error { return &Error{Kind: KindInvalid, Key: "err.invalid"} }

// NotFound reports a missing (or invisible) entity.
func NotFound() *Error { return &Error{Kind: KindNotFound, Key: "err.not_found"} }

// Conflict reports a clash with stored state; key says which.
func Conflict(key string, args ...any) *Error {
	return &Error{Kind: KindConflict, Key: key, Args: pairs(args)}
}

// BadParam reports a malformed or unknown query parameter (400), naming it.
func BadParam(param, key string, args ...any) *Error {
	e := &Error{Kind: KindBadRequest, Key: "err.bad_parameter"}
	return e.Field(param, key, args...)
}

// Unauthorised reports a missing or failed sign-in.
func Unauthorised() *Error { return &Error{Kind: KindUnauthorised, Key: "err.unauthorised"} }

// Forbidden reports a signed-in user acting outside their roles or scope.
func Forbidden() *Error { return &Error{Kind: KindForbidden, Key: "err.forbidden"} }

// TooMany reports throttling.
func TooMany(key string) *Error { return &Error{Kind: KindTooMany, Key: key} }

// TooLarge reports a body over its limit.
func TooLarge() *Error { return &Error{Kind: KindTooLarge, Key: "err.too_large"} }

// Internal wraps an unexpected failure.
func Internal(err error) *Error { return &Error{Kind: KindInternal, Key: "err.internal", Err: err} }

// As returns err as *Error: its own when it is one, else an internal error.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Internal(err)
}

// Is reports whether err is an *Error of kind k.
func Is(err error, k Kind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == k
}
