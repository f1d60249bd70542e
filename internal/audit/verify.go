package audit

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tipsom/tipsom/internal/db"
)

// BrokenError names the first entry at which the chain fails to verify.
type BrokenError struct {
	ID     int64
	Reason string
}

func (e *BrokenError) Error() string {
	return fmt.Sprintf("audit chain broken at entry %d: %s", e.ID, e.Reason)
}

// Verify recomputes the whole chain in id order and returns the number of
// entries checked, or a *BrokenError for the first entry that does not hold:
// a changed field, a missing or reordered entry, or a head that disagrees.
func Verify(ctx context.Context, d *db.DB) (int64, error) {
	var n int64
	err := d.ReadTx(ctx, func(tx *sql.Tx) error {
		prev := ""
		var want int64 = 1
		err := entriesInOrder(ctx, tx, func(e Entry) error {
			switch {
			case e.ID != want:
				return &BrokenError{ID: want, Reason: fmt.Sprintf("entry missing (next present is %d)", e.ID)}
			case e.PrevHash != prev:
				return &BrokenError{ID: e.ID, Reason: "previous-hash link does not match the entry before"}
			case e.computeHash() != e.Hash:
				return &BrokenError{ID: e.ID, Reason: "content does not match its hash"}
			}
			prev, want, n = e.Hash, want+1, n+1
			return nil
		})
		if err != nil {
			return err
		}
		lastID, lastHash, err := chainHead(ctx, tx)
		if err != nil {
			return err
		}
		if lastID != n || lastHash != prev {
			return &BrokenError{ID: n + 1, Reason: fmt.Sprintf("chain head says %d entries, log holds %d", lastID, n)}
		}
		return nil
	})
	return n, err
}
