package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tipsom/tipsom/internal/errs"
)

// Scanner is one row to read: a *sql.Row or the current row of *sql.Rows,
// so one scan function serves a single-row query and a list.
type Scanner interface {
	Scan(dest ...any) error
}

// Column scans a row of one column: the scan function of a list of
// names, ids or years (db.List(ctx, tx, "years", db.Column[int], q)).
func Column[T any](row Scanner) (T, error) {
	var v T
	err := row.Scan(&v)
	return v, err
}

// List runs query in tx and reads every row with scan, in order. what
// names the list in errors ("list rounds": "list rounds: …").
func List[T any](ctx context.Context, tx *sql.Tx, what string, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	var out []T
	err := Each(ctx, tx, what, query, func(row Scanner) error {
		v, err := scan(row)
		if err == nil {
			out = append(out, v)
		}
		return err
	}, args...)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// One runs query in tx and reads its single row with scan. No row is the
// not-found error that pages and the API answer with 404; any other error is
// wrapped with what ("read round 7: …").
func One[T any](ctx context.Context, tx *sql.Tx, what string, scan func(Scanner) (T, error), query string, args ...any) (T, error) {
	v, err := scan(tx.QueryRowContext(ctx, query, args...))
	if err != nil {
		var zero T
		if !errors.Is(err, sql.ErrNoRows) {
			err = fmt.Errorf("%s: %w", what, err)
		}
		return zero, NotFound(err)
	}
	return v, nil
}

// Ref is One's value as a pointer, nil with the error:
// return db.Ref(db.One(ctx, tx, what, scanRound, q, id)).
func Ref[T any](v T, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// Absent is a read's error with not found taken as "none": a lookup that
// may find nothing returns (nil, nil) through it.
func Absent[T any](v *T, err error) (*T, error) {
	if errs.Is(err, errs.KindNotFound) {
		return nil, nil
	}
	return v, err
}

// Each runs query in tx and calls fn for every row, in order, stopping at
// the first error; for loops that do more than append (maps, streams).
// Errors are wrapped with what, as List's.
func Each(ctx context.Context, tx *sql.Tx, what, query string, fn func(Scanner) error, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// InChunks calls fn with consecutive parts of list, n values at most each
// (an IN (…) list or a VALUES batch a statement can hold), stopping at the
// first error.
func InChunks[T any](list []T, n int, fn func(part []T) error) error {
	if n <= 0 {
		return fmt.Errorf("chunks of %d", n)
	}
	for start := 0; start < len(list); start += n {
		if err := fn(list[start:min(len(list), start+n)]); err != nil {
			return err
		}
	}
	return nil
}

// Read runs fn in a read-only transaction (d.ReadTx) and returns its value.
func Read[T any](ctx context.Context, d *DB, fn func(tx *sql.Tx) (T, error)) (T, error) {
	var out T
	err := d.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = fn(tx)
		return err
	})
	return out, err
}

// Write runs fn in a read-write transaction (d.Tx) and returns its value,
// committed; on error nothing is written.
func Write[T any](ctx context.Context, d *DB, fn func(tx *sql.Tx) (T, error)) (T, error) {
	var out T
	err := d.Tx(ctx, func(tx *sql.Tx) (err error) {
		out, err = fn(tx)
		return err
	})
	return out, err
}
