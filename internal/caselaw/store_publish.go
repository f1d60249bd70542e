package caselaw

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tipsom/tipsom/internal/db"
)

// setPublished makes rev the public revision of case id, with the
// decision date the analysis and the profile read.
func setPublished(ctx context.Context, tx *sql.Tx, id int64, rev int, date string, year int) error {
	_, err := tx.ExecContext(ctx, `UPDATE caselaw_cases SET published_rev = $2, decision_date = $3, decision_year = $4
			WHERE id = $1`, id, rev, date, year)
	return err
}

// clearPublicRows removes the keyword and charge rows of the cases ids (a
// published revision's, which the analysis and citations read).
func clearPublicRows(ctx context.Context, tx *sql.Tx, ids []any) error {
	for _, table := range []string{"caselaw_keywords", "caselaw_charges"} {
		err := db.InChunks(ids, inChunk, func(part []any) error {
			_, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE case_id IN (`+db.Placeholders(len(part), 0)+`)`, part...)
			return err
		})
		if err != nil {
			return fmt.Errorf("clear %s: %w", table, err)
		}
	}
	return nil
}

// insertPublicRows adds published revisions' keywords (case id, category,
// value) and charges (case id, defendant, position, verdict, months,
// instrument, article) in bulk.
func insertPublicRows(ctx context.Context, tx *sql.Tx, d db.Dialect, kws, charges [][]any) error {
	if _, err := db.InsertRows(ctx, tx, d, "caselaw_keywords", []string{"case_id bigint", "category text", "value text"}, kws, ""); err != nil {
		return err
	}
	_, err := db.InsertRows(ctx, tx, d, "caselaw_charges", []string{"case_id bigint", "defendant int", "position int", "verdict text",
		"imprisonment_months int", "instrument text", "article text"}, charges, "")
	return err
}
