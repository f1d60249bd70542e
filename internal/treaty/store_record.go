package treaty

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// records reads every instrument's status record.
func records(ctx context.Context, q *sql.Tx) (map[string]Record, error) {
	out := map[string]Record{}
	err := db.Each(ctx, q, "treaty records", `SELECT instrument_id, recorded_on, source FROM treaty_records`, func(row db.Scanner) error {
		var r Record
		err := row.Scan(&r.Instrument, db.DateInto(&r.RecordedOn), &r.Source)
		out[r.Instrument] = r
		return err
	})
	return out, err
}

// putRecord writes an instrument's status record, replacing the one stored.
func putRecord(ctx context.Context, tx *sql.Tx, r Record, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM treaty_records WHERE instrument_id = $1`, r.Instrument); err != nil {
		return fmt.Errorf("treaty record %s: %w", r.Instrument, err)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO treaty_records (instrument_id, recorded_on, source, updated_at) VALUES ($1, $2, $3, $4)`,
		r.Instrument, db.DateArg(r.RecordedOn), r.Source, now)
	if err != nil {
		return fmt.Errorf("treaty record %s: %w", r.Instrument, err)
	}
	return nil
}
