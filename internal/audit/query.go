package audit

import (
	"context"
	"database/sql"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// Filter narrows a listing of the log. Zero fields do not filter.
type Filter struct {
	Actor      string // substring of the actor label
	Action     string
	EntityType string
	EntityID   string
	From, To   time.Time // To is exclusive
	BeforeID   int64     // for paging: entries older than this id
	Limit      int
}

// List returns entries matching f, newest first. Only admins may call it;
// the caller (the auth service or a handler declared admin-only) checks.
func List(ctx context.Context, d *db.DB, f Filter) ([]Entry, error) {
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	return db.Read(ctx, d, func(tx *sql.Tx) ([]Entry, error) {
		return listEntries(ctx, tx, f, limit)
	})
}

// Actions lists the distinct actions in the log, for the filter form.
func Actions(ctx context.Context, d *db.DB) ([]string, error) {
	return db.Read(ctx, d, func(tx *sql.Tx) ([]string, error) {
		return distinctActions(ctx, tx)
	})
}
