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
	return db.List(ctx, tx, "latest cases of "+iso3, func(row db.Scanner) (Hit, error) {
		h := Hit{Country: iso3}
		var d time.Time
		err := row.Scan(&h.ID, db.DateInto(&d))
		h.DecisionDate = db.FormatDate(d)
		return h, err
	}, `SELECT ref, decision_date FROM caselaw_cases
		WHERE country = $1 AND published_rev IS NOT NULL ORDER BY decision_date DESC, ref LIMIT $2`, iso3, n)
}
