package audit

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/db"
)

// The statements of the log: its chain head (one row, id 1) and its entries.

// advanceHead takes the next entry id and the hash of the entry before. The
// update takes the head's row lock on PostgreSQL (SQLite has a single
// writer already), so concurrent writers append one after the other.
func advanceHead(ctx context.Context, tx *sql.Tx) (id int64, prev string, err error) {
	err = tx.QueryRowContext(ctx,
		`UPDATE audit_head SET last_id = last_id + 1 WHERE id = 1 RETURNING last_id, last_hash`).Scan(&id, &prev)
	if err != nil {
		return 0, "", fmt.Errorf("audit: advance chain: %w", err)
	}
	return id, prev, nil
}

// insertEntry writes e and moves the chain head's hash to it.
func insertEntry(ctx context.Context, tx *sql.Tx, e Entry) error {
	var actorID any
	if e.ActorID != 0 {
		actorID = e.ActorID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log
		(id, at, actor_id, actor, action, entity_type, entity_id, before_digest, after_digest,
		 detail, client_addr, request_id, prev_hash, hash)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
		e.ID, e.At, actorID, e.Actor, e.Action, e.EntityType, e.EntityID, e.BeforeDigest,
		e.AfterDigest, e.Detail, e.ClientAddr, e.RequestID, e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("audit: insert entry %d: %w", e.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET last_hash = $1 WHERE id = 1`, e.Hash); err != nil {
		return fmt.Errorf("audit: update chain head: %w", err)
	}
	return nil
}

// chainHead returns what the head says: the last entry's id and hash.
func chainHead(ctx context.Context, tx *sql.Tx) (lastID int64, lastHash string, err error) {
	err = tx.QueryRowContext(ctx, `SELECT last_id, last_hash FROM audit_head WHERE id = 1`).Scan(&lastID, &lastHash)
	return lastID, lastHash, err
}

const selectEntries = `SELECT id, at, COALESCE(actor_id, 0), actor, action, entity_type, entity_id,
	before_digest, after_digest, detail, client_addr, request_id, prev_hash, hash FROM audit_log`

func scanEntry(row db.Scanner) (Entry, error) {
	var e Entry
	err := row.Scan(&e.ID, &e.At, &e.ActorID, &e.Actor, &e.Action, &e.EntityType, &e.EntityID,
		&e.BeforeDigest, &e.AfterDigest, &e.Detail, &e.ClientAddr, &e.RequestID, &e.PrevHash, &e.Hash)
	e.At = e.At.UTC()
	return e, err
}

// eachEntry calls fn with every entry q (selectEntries and what follows)
// finds, in its order, stopping at fn's first error.
func eachEntry(ctx context.Context, tx *sql.Tx, q string, args []any, fn func(Entry) error) error {
	return db.Each(ctx, tx, "audit entries", q, func(row db.Scanner) error {
		e, err := scanEntry(row)
		if err != nil {
			return err
		}
		return fn(e)
	}, args...)
}

// entriesInOrder calls fn with every entry, oldest first.
func entriesInOrder(ctx context.Context, tx *sql.Tx, fn func(Entry) error) error {
	return eachEntry(ctx, tx, selectEntries+` ORDER BY id`, nil, fn)
}

// listEntries returns at most limit entries matching f, newest first.
func listEntries(ctx context.Context, tx *sql.Tx, f Filter, limit int) ([]Entry, error) {
	var w db.Where
	w.When(f.Actor != "", "LOWER(actor) LIKE ?", "%"+strings.ToLower(f.Actor)+"%")
	w.When(f.Action != "", "action = ?", f.Action)
	w.When(f.EntityType != "", "entity_type = ?", f.EntityType)
	w.When(f.EntityID != "", "entity_id = ?", f.EntityID)
	w.When(!f.From.IsZero(), "at >= ?", db.Time(f.From))
	w.When(!f.To.IsZero(), "at < ?", db.Time(f.To))
	w.When(f.BeforeID > 0, "id < ?", f.BeforeID)
	q := selectEntries + w.SQL() + " ORDER BY id DESC LIMIT " + strconv.Itoa(limit)
	return db.List(ctx, tx, "list audit entries", scanEntry, q, w.Args()...)
}

// distinctActions lists the actions the log holds, in order.
func distinctActions(ctx context.Context, tx *sql.Tx) ([]string, error) {
	return db.List(ctx, tx, "audit actions", db.Column[string], `SELECT DISTINCT action FROM audit_log ORDER BY action`)
}
