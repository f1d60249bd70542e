package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// column is a column as both engines can describe it: name, a type class and
// whether it takes NULL. SQLite keeps booleans as INTEGER 0/1, so PostgreSQL's
// boolean counts as an integer here.
type column struct {
	Name     string
	Type     string
	Nullable bool
}

func typeClass(t string) string {
	t = strings.ToLower(t)
	switch {
	case strings.Contains(t, "int"), t == "boolean":
		return "integer"
	case strings.Contains(t, "timestamp"):
		return "timestamp"
	case t == "date":
		return "date"
	case t == "text", strings.Contains(t, "char"):
		return "text"
	case t == "blob", t == "bytea":
		return "bytes"
	case t == "real", strings.Contains(t, "double"), strings.Contains(t, "numeric"):
		return "number"
	}
	return "other:" + t
}

func sqliteSchema(t *testing.T, d *db.DB) map[string][]column {
	out := map[string][]column{}
	rows, err := d.SQL().Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'fts\_%' ESCAPE '\' AND name <> 'goose_db_version'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	for _, tbl := range tables {
		cols, err := d.SQL().Query(fmt.Sprintf(`SELECT name, type, "notnull", pk FROM pragma_table_info('%s')`, tbl))
		if err != nil {
			t.Fatal(err)
		}
		for cols.Next() {
			var c column
			var typ string
			var notNull, pk int
			cols.Scan(&c.Name, &typ, &notNull, &pk)
			c.Type = typeClass(typ)
			c.Nullable = notNull == 0 && pk == 0
			out[tbl] = append(out[tbl], c)
		}
		cols.Close()
	}
	return out
}

func postgresSchema(t *testing.T, d *db.DB) map[string][]column {
	out := map[string][]column{}
	rows, err := d.SQL().Query(`SELECT table_name, column_name, data_type, is_nullable
		FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name <> 'goose_db_version'
			AND table_name NOT LIKE 'fts\_%' ESCAPE '\'
		ORDER BY table_name, ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var tbl, typ, nullable string
		var c column
		rows.Scan(&tbl, &c.Name, &typ, &nullable)
		c.Type = typeClass(typ)
		c.Nullable = nullable == "YES"
		out[tbl] = append(out[tbl], c)
	}
	return out
}

// TestSchemasEquivalent compares the two dialects' migrated schemas table by
// table: the same tables, the same columns in the same order, the same type
// classes and nullability. Tables named fts_* are each engine's own words
// index (FTS5's virtual table, PostgreSQL's tsvectors) and are left out.
func TestSchemasEquivalent(t *testing.T) {
	lite := sqliteSchema(t, dbtest.Open(t, db.SQLite))
	pg := postgresSchema(t, dbtest.Open(t, db.Postgres))
	names := map[string]bool{}
	for n := range lite {
		names[n] = true
	}
	for n := range pg {
		names[n] = true
	}
	var sorted []string
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	for _, n := range sorted {
		if diff := cmp.Diff(lite[n], pg[n]); diff != "" {
			t.Errorf("table %s differs (-sqlite +postgres):\n%s", n, diff)
		}
	}
	if len(lite) < 5 {
		t.Fatalf("only %d tables migrated on SQLite", len(lite))
	}
}

// TestMigrationsRecorded checks both engines record the newest version and a
// second run is a no-op.
func TestMigrationsRecorded(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		v, err := d.Version(context.Background())
		if err != nil || v < 1 {
			t.Fatalf("Version = %d, %v", v, err)
		}
		if err := d.Migrate(context.Background()); err != nil {
			t.Fatalf("second Migrate: %v", err)
		}
	})
}

// TestTimeRoundTrip checks a time written is the time read back, on both
// engines, and that ordering by a time column is chronological.
func TestTimeRoundTrip(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		t0 := db.Now()
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO sessions (token, data, expiry) VALUES ('a', $1, $2), ('b', $1, $3)`,
				[]byte("x"), t0, t0.Add(-3600e9))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var got sql.NullTime
		var tok string
		if err := d.SQL().QueryRow(`SELECT token, expiry FROM sessions WHERE expiry < $1 ORDER BY expiry LIMIT 1`, t0).Scan(&tok, &got); err != nil {
			t.Fatal(err)
		}
		if tok != "b" || !got.Time.Equal(t0.Add(-3600e9)) {
			t.Fatalf("got %s %v, want b %v", tok, got.Time, t0.Add(-3600e9))
		}
	})
}
