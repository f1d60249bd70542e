package audit

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

const selectEntries = `SELECT id, at, COALESCE(actor_id, 0), actor, action, entity_type, entity_id,
	before_digest, after_digest, detail, client_addr, request_id, prev_hash, hash FROM audit_log`

func scanEntry(rows *sql.Rows) (Entry, error) {
	var e Entry
	err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.EntityType, &e.EntityID,
		&e.BeforeDigest, &e.AfterDigest, &e.Detail, &e.ClientAddr, &e.RequestID, &e.PrevHash, &e.Hash)
	e.At = e.At.UTC()
	return e, err
}

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
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.Actor != "" {
		add("LOWER(actor) LIKE ?", "%"+strings.ToLower(f.Actor)+"%")
	}
	if f.Action != "" {
		add("action = ?", f.Action)
	}
	if f.EntityType != "" {
		add("entity_type = ?", f.EntityType)
	}
	if f.EntityID != "" {
		add("entity_id = ?", f.EntityID)
	}
	if !f.From.IsZero() {
		add("at >= ?", db.Time(f.From))
	}
	if !f.To.IsZero() {
		add("at < ?", db.Time(f.To))
	}
	if f.BeforeID > 0 {
		add("id < ?", f.BeforeID)
	}
	q := selectEntries
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	q += " ORDER BY id DESC LIMIT " + strconv.Itoa(limit)
	var out []Entry
	err := d.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanEntry(rows)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

// Actions lists the distinct actions in the log, for the filter form.
func Actions(ctx context.Context, d *db.DB) ([]string, error) {
	var out []string
	err := d.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT action FROM audit_log ORDER BY action`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a string
			if err := rows.Scan(&a); err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}
