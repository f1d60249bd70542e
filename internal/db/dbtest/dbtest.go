// Package dbtest gives each test a freshly migrated database on every engine
// the machine offers: SQLite always, PostgreSQL when TIPSOM_TEST_POSTGRES
// names a server. Under CI=true a missing PostgreSQL fails the test instead
// of skipping it.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tipsom/tipsom/internal/db"
)

// EnvPostgres is the variable that names the test PostgreSQL server.
const EnvPostgres = "TIPSOM_TEST_POSTGRES"

// Run calls fn once per engine, each in a subtest named after the engine,
// with a migrated database of its own.
func Run(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	Each(t, func(t *testing.T, e db.Dialect) { fn(t, Open(t, e)) })
}

// RunWith is Run for tests that begin with the same setup: fn gets what
// setup builds on each engine's database (a seeded service, a fixture).
func RunWith[T any](t *testing.T, setup func(t *testing.T, d *db.DB) T, fn func(t *testing.T, v T)) {
	t.Helper()
	Run(t, func(t *testing.T, d *db.DB) { fn(t, setup(t, d)) })
}

// Each calls fn once per available engine, in a subtest named after it,
// for tests that open the database themselves (e.g. by starting the app).
// Each test owns its databases, so the test and its engines' subtests run
// in parallel with the package's other such tests (-parallel bounds how
// many at once).
func Each(t *testing.T, fn func(t *testing.T, e db.Dialect)) {
	t.Helper()
	t.Parallel()
	for _, e := range []db.Dialect{db.SQLite, db.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			if e == db.Postgres {
				requirePostgres(t)
			}
			fn(t, e)
		})
	}
}

func requirePostgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI needs a PostgreSQL server for the store tests", EnvPostgres)
		}
		t.Skipf("%s is not set; PostgreSQL tests skipped", EnvPostgres)
	}
	return base
}

// Open returns a migrated database of dialect e that is removed when the
// test ends, skipping (or failing under CI) when the engine is unavailable.
func Open(t testing.TB, e db.Dialect) *db.DB {
	t.Helper()
	u := URL(t, e)
	d, err := db.Open(context.Background(), u)
	if err != nil {
		t.Fatalf("open %s: %v", e, err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", e, err)
	}
	return d
}

// URL returns the URL of an empty database of dialect e, private to the test:
// a file in the test's temp folder, or a fresh PostgreSQL schema.
func URL(t testing.TB, e db.Dialect) string {
	t.Helper()
	if e == db.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "tipsom.db")
	}
	base := requirePostgres(t)
	schema := "t_" + randomHex(8)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", db.Redact(base), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	pu, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", EnvPostgres, err)
	}
	q := pu.Query()
	q.Set("search_path", schema)
	pu.RawQuery = q.Encode()
	return pu.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
