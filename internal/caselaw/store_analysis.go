package caselaw

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/db"
)

// publishedYearCounts calls fn with the number of published cases of each
// year and country, in year then country order.
func publishedYearCounts(ctx context.Context, tx *sql.Tx, fn func(YearCount)) error {
	return db.Each(ctx, tx, "published cases by year", `SELECT decision_year, country, COUNT(*) FROM caselaw_cases WHERE published_rev IS NOT NULL
			GROUP BY decision_year, country ORDER BY decision_year, country`, func(rows db.Scanner) error {
		var y YearCount
		if err := rows.Scan(&y.Year, &y.Country, &y.Cases); err != nil {
			return err
		}
		fn(y)
		return nil
	})
}

// eachCharge calls fn with every charge of the published revisions: its
// case, defendant, the case's country, the verdict and the imprisonment
// in months (0 when none).
func eachCharge(ctx context.Context, tx *sql.Tx, fn func(caseID, defendant int64, country, verdict string, months int)) error {
	return db.Each(ctx, tx, "charges", `SELECT ch.case_id, ch.defendant, c.country, ch.verdict, ch.imprisonment_months
			FROM caselaw_charges ch JOIN caselaw_cases c ON c.id = ch.case_id`, func(rows db.Scanner) error {
		var id, n int64
		var country, verdict string
		var months sql.NullInt64
		if err := rows.Scan(&id, &n, &country, &verdict, &months); err != nil {
			return err
		}
		fn(id, n, country, verdict, int(months.Int64))
		return nil
	})
}

// eachPurpose calls fn with every purpose keyword of the published revisions.
func eachPurpose(ctx context.Context, tx *sql.Tx, fn func(caseID int64, value string)) error {
	return db.Each(ctx, tx, "purposes", `SELECT case_id, value FROM caselaw_keywords WHERE category = 'purposes'`, func(rows db.Scanner) error {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			return err
		}
		fn(id, v)
		return nil
	})
}
