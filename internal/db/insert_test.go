package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestInsertRows writes more rows than one statement holds, with NULLs,
// integers, dates and times, then upserts them with a tail that changes
// only some, and reads ids back with RETURNING — on both engines.
func TestInsertRows(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.SQL().ExecContext(ctx, `CREATE TABLE bulk_test (id INTEGER PRIMARY KEY, name TEXT, n BIGINT,
			day DATE, at TIMESTAMP)`); err != nil {
			t.Fatal(err)
		}
		cols := []string{"id bigint", "name text", "n bigint", "day date", "at timestamptz"}
		at := time.Date(2024, 5, 1, 10, 30, 0, 0, time.UTC)
		const total = 12_000 // more than one statement's worth on both engines
		rows := make([][]any, total)
		for i := range rows {
			var n any
			if i%3 != 0 {
				n = int64(i)
			}
			rows[i] = []any{i + 1, fmt.Sprintf("row %d", i), n, db.DateArg(at), at}
		}
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			n, err := db.InsertRows(ctx, tx, d.Dialect, "bulk_test", cols, rows, "")
			if err == nil && n != total {
				err = fmt.Errorf("%d rows affected, want %d", n, total)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		// Upsert: the first hundred change, the rest are the same again.
		for i := range rows[:100] {
			rows[i][1] = "changed"
		}
		var changed int64
		err = d.Tx(ctx, func(tx *sql.Tx) (err error) {
			changed, err = db.InsertRows(ctx, tx, d.Dialect, "bulk_test", cols, rows,
				` ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE bulk_test.name <> excluded.name`)
			return err
		})
		if err != nil || changed != 100 {
			t.Fatalf("upsert: %d changed, %v; want 100", changed, err)
		}
		var nulls, named int
		var day time.Time
		err = d.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM bulk_test WHERE n IS NULL`).Scan(&nulls)
		if err == nil {
			err = d.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM bulk_test WHERE name = 'changed'`).Scan(&named)
		}
		if err == nil {
			err = d.SQL().QueryRowContext(ctx, `SELECT day FROM bulk_test WHERE id = 7`).Scan(db.DateInto(&day))
		}
		if err != nil || nulls != total/3 || named != 100 || !day.Equal(time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("read back: %d NULLs, %d changed, day %v, %v", nulls, named, day, err)
		}
		var ids []int64
		err = d.Tx(ctx, func(tx *sql.Tx) error {
			return db.InsertReturning(ctx, tx, d.Dialect, "bulk_test", cols, [][]any{{total + 1, "a", nil, nil, nil}, {total + 2, "b", 2, nil, nil}},
				" RETURNING id", func(r db.Scanner) error {
					var id int64
					err := r.Scan(&id)
					ids = append(ids, id)
					return err
				})
		})
		if err != nil || len(ids) != 2 || ids[0]+ids[1] != 2*total+3 {
			t.Fatalf("returning: %v %v", ids, err)
		}
	})
}
