package app_test

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/db"
)

// unwatched are the tables a refused request may still write: the audit
// log (reads of personal data are audited, and so may refusals be), the
// session store (each request moves the session's idle expiry) and the
// sign-in throttle. The search index's FTS tables mirror search_docs,
// which is watched.
var unwatched = []string{"audit_log", "audit_head", "sessions", "login_throttle", "goose_db_version"}

// dbState is a digest of every row of every table of the database but the
// unwatched ones, by table: comparing two says which tables a request
// changed, whatever the room, so a test of scope needs no reader of each
// object it guards.
type dbState map[string][32]byte

// stateOf reads the digest of d.
func stateOf(t *testing.T, d *db.DB) dbState {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE 'fts\_%' ESCAPE '\'`
	if d.Dialect == db.Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
			AND table_name NOT LIKE 'fts\_%'`
	}
	rows, err := d.SQL().QueryContext(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(unwatched, n) {
			tables = append(tables, n)
		}
	}
	rows.Close()
	out := dbState{}
	for _, tbl := range tables {
		out[tbl] = tableDigest(t, d, tbl)
	}
	return out
}

// tableDigest hashes the rows of table, in an order of their own.
func tableDigest(t *testing.T, d *db.DB, table string) [32]byte {
	t.Helper()
	rows, err := d.SQL().QueryContext(t.Context(), `SELECT * FROM `+table)
	if err != nil {
		t.Fatalf("read %s: %v", table, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, v := range vals {
			if bs, ok := v.([]byte); ok {
				v = sha256.Sum256(bs)
			}
			fmt.Fprintf(&b, "%v\x1f", v)
		}
		lines = append(lines, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return sha256.Sum256([]byte(strings.Join(lines, "\x1e")))
}

// changed lists the tables whose rows differ between s and other.
func (s dbState) changed(other dbState) []string {
	var out []string
	for tbl, sum := range s {
		if other[tbl] != sum {
			out = append(out, tbl)
		}
	}
	for tbl := range other {
		if _, ok := s[tbl]; !ok {
			out = append(out, tbl)
		}
	}
	slices.Sort(out)
	return out
}
