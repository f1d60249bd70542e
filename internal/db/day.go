package db

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day with no time of day nor zone: a chair period starts
// on a day, a meeting is held on a day. The zero Date means "none" (an
// open-ended period). It is the type for a DATE column that pages and the
// API show: stored as YYYY-MM-DD text through DateArg (SQLite keeps it
// verbatim, PostgreSQL's DATE accepts it), read back through DateInto
// from whichever form the driver returns, and written "YYYY-MM-DD" (or
// null) in JSON.
type Date struct{ t time.Time }

// ParseDate reads a YYYY-MM-DD day.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// DateOf returns the day of t in UTC.
func DateOf(t time.Time) Date {
	y, m, d := t.UTC().Date()
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// MustDate is ParseDate for date literals known to be valid (tests); it
// panics on a malformed one.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Time is the day at midnight UTC (the zero time for no date), for what
// takes a time.Time: a page shows it with its localiser's Date.
func (d Date) Time() time.Time { return d.t }

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d.t.IsZero() }

// String is the day as YYYY-MM-DD, or "" for no date.
func (d Date) String() string { return FormatDate(d.t) }

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }

// After reports whether d is a later day than o.
func (d Date) After(o Date) bool { return d.t.After(o.t) }

// Value stores the day as tipsom stores every date (DateArg): text
// YYYY-MM-DD, or NULL for no date.
func (d Date) Value() (driver.Value, error) { return DateArg(d.t), nil }

// Scan reads a DATE column from either engine (DateInto).
func (d *Date) Scan(src any) error { return DateInto(&d.t).Scan(src) }

// MarshalJSON writes "YYYY-MM-DD", or null for no date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}
