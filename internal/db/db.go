// Package db opens tipsom's database — embedded SQLite or PostgreSQL — applies
// the embedded migrations of its dialect, and runs transactions. Queries are
// plain SQL with $1 placeholders, which both drivers accept.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Dialect names the SQL engine behind a DB.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database. On SQLite it keeps one writer connection (SQLite
// allows one writer at a time; queueing in Go beats spinning on busy errors)
// and a small pool of readers. On PostgreSQL both are the same pgx pool.
type DB struct {
	Dialect Dialect
	write   *sql.DB
	read    *sql.DB
	pool    *pgxpool.Pool
}

// Open opens a database URL: "sqlite:PATH" or "postgres://…".
func Open(ctx context.Context, rawURL string) (*DB, error) {
	switch {
	case strings.HasPrefix(rawURL, "sqlite:"):
		return openSQLite(strings.TrimPrefix(rawURL, "sqlite:"))
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		return openPostgres(ctx, rawURL)
	default:
		return nil, fmt.Errorf("database URL %q: want sqlite:PATH or postgres://…", Redact(rawURL))
	}
}

func openSQLite(path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("database URL sqlite: needs a file path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	pragmas := "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_time_format=sqlite"
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + pragmas
	// The writer gets a 128 MB page cache, so a large import's transaction
	// stays in memory instead of spilling to the write-ahead log midway.
	w, err := sql.Open("sqlite", dsn+"&_txlock=immediate&_pragma=cache_size(-131072)")
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	// Readers map the file into memory (up to 1 GB): pages are read from
	// the operating system's cache without a system call each, and shared
	// by every reader instead of copied into each one's page cache.
	r, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)&_pragma=mmap_size(1073741824)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	d := &DB{Dialect: SQLite, write: w, read: r}
	if err := w.Ping(); err != nil {
		d.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return d, nil
}

func openPostgres(ctx context.Context, rawURL string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("postgres URL %s: %w", Redact(rawURL), err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", Redact(rawURL), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to %s: %w", Redact(rawURL), err)
	}
	sdb := stdlib.OpenDBFromPool(pool)
	return &DB{Dialect: Postgres, write: sdb, read: sdb, pool: pool}, nil
}

// Redact hides the password in a database URL, for logs and errors.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return rawURL
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Close closes every connection.
func (d *DB) Close() error {
	var err error
	if d.read != nil && d.read != d.write {
		err = d.read.Close()
	}
	if d.write != nil {
		err = errors.Join(err, d.write.Close())
	}
	if d.pool != nil {
		d.pool.Close()
	}
	return err
}

// Ping reports whether the database answers.
func (d *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return d.read.PingContext(ctx)
}

// SQL returns the writer handle, for pool statistics and migrations.
func (d *DB) SQL() *sql.DB { return d.write }

// Checkpoint copies what the write-ahead log holds into the SQLite
// database file and empties the log, after a bulk write: until then every
// read looks its pages up in a log as large as the write. It waits for
// the readers of older snapshots (busy_timeout). PostgreSQL needs nothing.
func (d *DB) Checkpoint(ctx context.Context) error {
	if d.Dialect != SQLite {
		return nil
	}
	if _, err := d.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// Tx runs fn in a read-write transaction, committing when fn returns nil.
func (d *DB) Tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return run(ctx, d.write, nil, fn)
}

// ReadTx runs fn in a read-only transaction (a consistent snapshot).
func (d *DB) ReadTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if d.Dialect == SQLite {
		opts = nil // the reader pool is query_only already; modernc rejects ReadOnly options
	}
	return run(ctx, d.read, opts, fn)
}

func run(ctx context.Context, h *sql.DB, opts *sql.TxOptions, fn func(tx *sql.Tx) error) (err error) {
	tx, err := h.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// IsUniqueViolation reports whether err is a unique-constraint failure on
// either engine, so services can turn it into a conflict.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// Now is the current time as the database stores it: UTC, microseconds
// (PostgreSQL keeps no finer), so a value read back equals the value written.
func Now() time.Time { return Time(time.Now()) }

// Time normalises t for storage: UTC, truncated to microseconds.
func Time(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
