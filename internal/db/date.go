package db

import (
	"database/sql"
	"fmt"
	"time"
)

// DateArg is a calendar date as a query argument: the text YYYY-MM-DD,
// which SQLite stores and compares as text and PostgreSQL reads as a DATE,
// or NULL for the zero time.
func DateArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(time.DateOnly)
}

// FormatDate is a date as YYYY-MM-DD, or "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// DateInto scans a DATE column from either engine into *t, midnight UTC,
// or the zero time for NULL: PostgreSQL (and modernc SQLite, for columns
// declared DATE) give a time.Time, SQLite may give the stored text.
func DateInto(t *time.Time) sql.Scanner { return dateScanner{t} }

type dateScanner struct{ t *time.Time }

func (d dateScanner) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*d.t = time.Time{}
	case time.Time:
		*d.t = time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)
	case string:
		return d.Scan([]byte(x))
	case []byte:
		t, err := time.Parse(time.DateOnly, string(x[:min(len(x), 10)]))
		if err != nil {
			return fmt.Errorf("scan date %q: %w", x, err)
		}
		*d.t = t
	default:
		return fmt.Errorf("scan date: unexpected %T", v)
	}
	return nil
}
