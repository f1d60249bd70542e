package db

import (
	"database/sql"
	"errors"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
)

// NotFound turns "no row" into the not-found error that pages and the API
// answer with 404; any other error comes back as it is.
func NotFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.NotFound()
	}
	return err
}

// TimeOf is a nullable time column as read: its time in UTC, or nil.
func TimeOf(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// NullTime is the argument for a nullable time column: NULL for nil.
func NullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return *t
}
