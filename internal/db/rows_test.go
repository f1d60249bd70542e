package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
)

type pair struct {
	ID   int64
	Name string
}

func scanPair(row db.Scanner) (pair, error) {
	var p pair
	err := row.Scan(&p.ID, &p.Name)
	return p, err
}

// TestRows reads lists, loops and single values through List, Each, Read
// and Write on both engines, and checks that their errors name what failed
// and stop the loop.
func TestRows(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.SQL().ExecContext(ctx, `CREATE TABLE rows_test (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		n, err := db.Write(ctx, d, func(tx *sql.Tx) (int, error) {
			for i := 1; i <= 5; i++ {
				if err := db.Exec(ctx, tx, "insert", `INSERT INTO rows_test (id, name) VALUES ($1, $2)`, i, fmt.Sprint("n", i)); err != nil {
					return 0, err
				}
			}
			return 5, nil
		})
		if err != nil || n != 5 {
			t.Fatalf("write: %d, %v", n, err)
		}
		// A failed Write commits nothing.
		boom := errors.New("boom")
		if _, err := db.Write(ctx, d, func(tx *sql.Tx) (int, error) {
			if err := db.Exec(ctx, tx, "insert", `INSERT INTO rows_test (id, name) VALUES (9, 'n9')`); err != nil {
				return 0, err
			}
			return 1, boom
		}); !errors.Is(err, boom) {
			t.Fatalf("failed write: %v", err)
		}

		got, err := db.Read(ctx, d, func(tx *sql.Tx) ([]pair, error) {
			return db.List(ctx, tx, "list pairs", scanPair, `SELECT id, name FROM rows_test WHERE id >= $1 ORDER BY id DESC`, 2)
		})
		want := []pair{{5, "n5"}, {4, "n4"}, {3, "n3"}, {2, "n2"}}
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("list: %v, %v; want %v", got, err, want)
		}
		none, err := db.Read(ctx, d, func(tx *sql.Tx) ([]pair, error) {
			return db.List(ctx, tx, "list pairs", scanPair, `SELECT id, name FROM rows_test WHERE id > 100`)
		})
		if err != nil || len(none) != 0 {
			t.Fatalf("empty list: %v, %v", none, err)
		}
		names, err := db.Read(ctx, d, func(tx *sql.Tx) ([]string, error) {
			return db.List(ctx, tx, "names", db.Column[string], `SELECT name FROM rows_test WHERE id <= 2 ORDER BY id`)
		})
		if err != nil || !slices.Equal(names, []string{"n1", "n2"}) {
			t.Fatalf("column: %v, %v", names, err)
		}
		// One scan function serves a single row too: One reads it, a
		// missing row is not found (404), and Absent takes that as none.
		get := func(id int) (*pair, error) {
			return db.Read(ctx, d, func(tx *sql.Tx) (*pair, error) {
				return db.Ref(db.One(ctx, tx, fmt.Sprintf("pair %d", id), scanPair, `SELECT id, name FROM rows_test WHERE id = $1`, id))
			})
		}
		if one, err := get(3); err != nil || one == nil || *one != (pair{3, "n3"}) {
			t.Fatalf("one: %v, %v", one, err)
		}
		if one, err := get(42); one != nil || !errs.Is(err, errs.KindNotFound) {
			t.Fatalf("missing row: %v, %v", one, err)
		}
		if one, err := db.Absent(get(42)); one != nil || err != nil {
			t.Fatalf("absent row: %v, %v", one, err)
		}
		if one, err := db.Absent(get(4)); err != nil || one == nil || one.Name != "n4" {
			t.Fatalf("present row through Absent: %v, %v", one, err)
		}
		_, err = db.Read(ctx, d, func(tx *sql.Tx) (pair, error) {
			return db.One(ctx, tx, "pair short", scanPair, `SELECT id FROM rows_test WHERE id = 1`)
		})
		if err == nil || errs.Is(err, errs.KindNotFound) || !strings.HasPrefix(err.Error(), "pair short: ") {
			t.Fatalf("failing scan: %v", err)
		}
		if args := db.Args([]string{"a", "b"}); len(args) != 2 || args[1] != any("b") {
			t.Fatalf("args %v", args)
		}

		err = d.ReadTx(ctx, func(tx *sql.Tx) error {
			// Each visits every row in order.
			var names []string
			if err := db.Each(ctx, tx, "names", `SELECT name FROM rows_test ORDER BY id`, func(row db.Scanner) error {
				var s string
				err := row.Scan(&s)
				names = append(names, s)
				return err
			}); err != nil {
				return err
			}
			if strings.Join(names, ",") != "n1,n2,n3,n4,n5" {
				return fmt.Errorf("each: %v", names)
			}
			// An error from fn stops the loop and comes back wrapped.
			seen := 0
			err := db.Each(ctx, tx, "stop early", `SELECT id FROM rows_test ORDER BY id`, func(row db.Scanner) error {
				seen++
				if seen == 2 {
					return boom
				}
				return nil
			})
			if !errors.Is(err, boom) || seen != 2 || !strings.HasPrefix(err.Error(), "stop early: ") {
				return fmt.Errorf("stop early: %d rows, %v", seen, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// A failing query, and a failing scan, name the list (each in its
		// own transaction: PostgreSQL aborts a transaction at an error).
		for what, q := range map[string]string{"list nothing": `SELECT id, name FROM no_such_table`, "list short": `SELECT id FROM rows_test`} {
			_, err := db.Read(ctx, d, func(tx *sql.Tx) ([]pair, error) { return db.List(ctx, tx, what, scanPair, q) })
			if err == nil || !strings.HasPrefix(err.Error(), what+": ") {
				t.Fatalf("%s: %v", what, err)
			}
		}
	})
}

// TestInChunks cuts a list into parts of at most n and stops at an error.
func TestInChunks(t *testing.T) {
	list := []int{1, 2, 3, 4, 5, 6, 7}
	var parts [][]int
	if err := db.InChunks(list, 3, func(part []int) error {
		parts = append(parts, part)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(parts) != "[[1 2 3] [4 5 6] [7]]" {
		t.Fatalf("parts %v", parts)
	}
	calls := 0
	if err := db.InChunks([]int(nil), 3, func([]int) error { calls++; return nil }); err != nil || calls != 0 {
		t.Fatalf("empty list: %d calls, %v", calls, err)
	}
	boom := errors.New("boom")
	if err := db.InChunks(list, 2, func([]int) error { calls++; return boom }); !errors.Is(err, boom) || calls != 1 {
		t.Fatalf("stop: %d calls, %v", calls, err)
	}
	if err := db.InChunks(list, 0, func([]int) error { return nil }); err == nil {
		t.Fatal("chunks of 0 accepted")
	}
}

// TestWhere builds a query from optional filters and runs it on both
// engines: unset filters add nothing, values are numbered in order, an
// empty IN list is no condition, and a miscounted condition panics.
func TestWhere(t *testing.T) {
	var none db.Where
	if none.SQL() != "" || none.And() != "" || len(none.Args()) != 0 {
		t.Fatalf("empty where: %q %q %v", none.SQL(), none.And(), none.Args())
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.SQL().ExecContext(ctx, `CREATE TABLE where_test (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 6; i++ {
			if _, err := d.SQL().ExecContext(ctx, `INSERT INTO where_test (id, name) VALUES ($1, $2)`, i, fmt.Sprint("n", i%3)); err != nil {
				t.Fatal(err)
			}
		}
		run := func(build func(w *db.Where)) []int64 {
			var w db.Where
			build(&w)
			q := `SELECT id FROM where_test` + w.SQL() + ` ORDER BY id LIMIT ` + w.Arg(10)
			ids, err := db.Read(ctx, d, func(tx *sql.Tx) ([]int64, error) {
				return db.List(ctx, tx, "where", db.Column[int64], q, w.Args()...)
			})
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return ids
		}
		for name, c := range map[string]struct {
			build func(w *db.Where)
			want  []int64
		}{
			"nothing set":                 {func(w *db.Where) { w.When(false, "name = ?", "n1"); w.In("id", nil) }, []int64{1, 2, 3, 4, 5, 6}},
			"one filter":                  {func(w *db.Where) { w.When(true, "name = ?", "n1") }, []int64{1, 4}},
			"two values in one condition": {func(w *db.Where) { w.Add("(name = ? OR id > ?)", "n2", 5) }, []int64{2, 5, 6}},
			"an IN list after a value": {func(w *db.Where) {
				w.Add("id > ?", 1)
				w.In("name", db.Args([]string{"n0", "n1"}))
			}, []int64{3, 4, 6}},
		} {
			if got := run(c.build); !slices.Equal(got, c.want) {
				t.Errorf("%s: %v, want %v", name, got, c.want)
			}
		}
	})
	defer func() {
		if recover() == nil {
			t.Error("a condition with more placeholders than values did not panic")
		}
	}()
	var w db.Where
	w.Add("a = ? AND b = ?", 1)
}
