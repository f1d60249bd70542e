package audit_test

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

func record(t *testing.T, d *db.DB, n int) {
	t.Helper()
	ctx := audit.WithMeta(context.Background(), audit.Meta{ClientAddr: "192.0.2.1", RequestID: "req-1"})
	for i := 0; i < n; i++ {
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			return audit.Record(ctx, tx, audit.Actor{ID: 0, Label: "test"}, audit.Change{
				Action: "user.create", EntityType: "user", EntityID: "7",
				After: map[string]any{"email": "a@example.org", "i": i},
			})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestChainVerifies(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		record(t, d, 5)
		n, err := audit.Verify(context.Background(), d)
		if err != nil || n != 5 {
			t.Fatalf("Verify = %d, %v; want 5, nil", n, err)
		}
		got, err := audit.List(context.Background(), d, audit.Filter{Action: "user.create", Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != 5 || got[0].ClientAddr != "192.0.2.1" || got[0].RequestID != "req-1" {
			t.Fatalf("List = %+v", got)
		}
	})
}

// TestTamperDetected edits, deletes and reorders rows behind the
// application's back and expects Verify to name the first broken entry.
func TestTamperDetected(t *testing.T) {
	cases := []struct {
		name   string
		sql    string
		wantID int64
	}{
		{"edited detail", `UPDATE audit_log SET detail = 'nothing to see' WHERE id = 3`, 3},
		{"edited actor", `UPDATE audit_log SET actor = 'someone else' WHERE id = 2`, 2},
		{"deleted entry", `DELETE FROM audit_log WHERE id = 4`, 4},
		{"deleted last entry", `DELETE FROM audit_log WHERE id = 6`, 6},
		{"rehashed entry", `UPDATE audit_log SET hash = prev_hash WHERE id = 1`, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dbtest.Run(t, func(t *testing.T, d *db.DB) {
				record(t, d, 6)
				if _, err := d.SQL().Exec(c.sql); err != nil {
					t.Fatal(err)
				}
				_, err := audit.Verify(context.Background(), d)
				var be *audit.BrokenError
				if !errors.As(err, &be) {
					t.Fatalf("Verify err = %v, want BrokenError", err)
				}
				if be.ID != c.wantID {
					t.Fatalf("broken at %d (%s), want %d", be.ID, be.Reason, c.wantID)
				}
			})
		})
	}
}

// TestConcurrentWriters appends from many goroutines; the chain must stay
// linear (the head row serialises writers on PostgreSQL).
func TestConcurrentWriters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					err := d.Tx(context.Background(), func(tx *sql.Tx) error {
						return audit.Record(context.Background(), tx, audit.Actor{Label: "w"}, audit.Change{Action: "x", EntityType: "t", EntityID: "1"})
					})
					if err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if n, err := audit.Verify(context.Background(), d); err != nil || n != 80 {
			t.Fatalf("Verify = %d, %v", n, err)
		}
	})
}
