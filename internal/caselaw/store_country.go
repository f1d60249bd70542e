package caselaw

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// publishedCount is how many published cases country iso3 has.
func publishedCount(ctx context.Context, tx *sql.Tx, iso3 string) (int, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM caselaw_cases WHERE country = $1 AND published_rev IS NOT NULL`,
		iso3).Scan(&n); err != nil {
		return 0, fmt.Errorf("cases of %s: %w", iso3, err)
	}
	return n, nil
}

// latestPublished lists the n latest published cases of iso3 by decision
// date, without their titles (which come from the published revisions).
func latestPublished(ctx context.Context, tx *sql.Tx, iso3 string, n int) ([]Hit, error) {
	var out []Hit
	err := db.Each(ctx, tx, "latest cases of "+iso3, `SELECT ref, decision_date FROM caselaw_cases
			WHERE country = $1 AND published_rev IS NOT NULL ORDER BY decision_date DESC, ref LIMIT $2`, func(rows db.Scanner) error {
		h := Hit{Country: iso3}
		var d time.Time
		if err := rows.Scan(&h.ID, db.DateInto(&d)); err != nil {
			return err
		}
		h.DecisionDate = db.FormatDate(d)
		out = append(out, h)
		return nil
	}, iso3, n)
	if err != nil {
		return nil, err
	}
	return out, nil
}
