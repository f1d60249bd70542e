package db_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestDate stores a day and "no day" in a DATE column and reads both back on
// each engine, and checks the text and JSON forms the pages and API show.
func TestDate(t *testing.T) {
	for _, bad := range []string{"", "2024-02-30", "5/3/2024", "2024-3-5"} {
		if _, err := db.ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	day := db.MustDate("2024-03-05")
	if !day.After(db.MustDate("2024-03-04")) || !day.Before(db.MustDate("2024-03-06")) || day.After(day) {
		t.Error("Before and After do not order days")
	}
	if got := day.Time(); !got.Equal(time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)) || !db.DateOf(got.Add(23*time.Hour)).Time().Equal(got) {
		t.Errorf("Time = %v; DateOf does not give the day back", got)
	}
	for _, c := range []struct {
		d    db.Date
		text string
		json string
	}{{day, "2024-03-05", `"2024-03-05"`}, {db.Date{}, "", "null"}} {
		b, err := json.Marshal(c.d)
		if err != nil || string(b) != c.json || c.d.String() != c.text {
			t.Errorf("%v: text %q, JSON %s (%v); want %q, %s", c.d, c.d.String(), b, err, c.text, c.json)
		}
	}
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.SQL().ExecContext(ctx, `CREATE TABLE day_test (id INTEGER PRIMARY KEY, day DATE)`); err != nil {
			t.Fatal(err)
		}
		for id, v := range []db.Date{day, {}} {
			if _, err := d.SQL().ExecContext(ctx, `INSERT INTO day_test (id, day) VALUES ($1, $2)`, id, v); err != nil {
				t.Fatal(err)
			}
			var got db.Date
			if err := d.SQL().QueryRowContext(ctx, `SELECT day FROM day_test WHERE id = $1`, id).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != v {
				t.Errorf("row %d: read %q, stored %q", id, got, v)
			}
		}
		var n int
		if err := d.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM day_test WHERE day < $1`, db.MustDate("2024-03-06")).Scan(&n); err != nil || n != 1 {
			t.Errorf("days compared in SQL: %d, %v; want 1", n, err)
		}
	})
}
