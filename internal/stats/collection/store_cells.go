package collection

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/stats"
)

// draftCells reads a submission's draft in questionnaire order.
func draftCells(ctx context.Context, tx *sql.Tx, subID int64) ([]DraftCell, error) {
	out, err := db.List(ctx, tx, fmt.Sprintf("read draft of submission %d", subID), func(row db.Scanner) (DraftCell, error) {
		var c DraftCell
		err := row.Scan(&c.Indicator, &c.Dimension, &c.Category, &c.Sex, &c.Age, &c.Year, &c.Text)
		return c, err
	}, `SELECT indicator, dimension, category, sex, age, year, value_text
		FROM stat_draft_cells WHERE submission_id = $1`, subID)
	sortDraft(out)
	return out, err
}

// draftColumns are a draft cell's columns, for db.InsertRows.
var draftColumns = []string{"submission_id bigint", "indicator text", "dimension text", "category text", "sex text", "age text",
	"year int", "value_text text"}

// replaceDraft makes cells the whole draft of a submission.
func replaceDraft(ctx context.Context, tx *sql.Tx, d db.Dialect, subID int64, cells []DraftCell) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM stat_draft_cells WHERE submission_id = $1`, subID); err != nil {
		return fmt.Errorf("clear draft of submission %d: %w", subID, err)
	}
	rows := make([][]any, len(cells))
	for i, c := range cells {
		rows[i] = []any{subID, c.Indicator, c.Dimension, c.Category, c.Sex, c.Age, c.Year, c.Text}
	}
	_, err := db.InsertRows(ctx, tx, d, "stat_draft_cells", draftColumns, rows, "")
	if err != nil {
		return fmt.Errorf("write draft of submission %d: %w", subID, err)
	}
	return nil
}

// setDraftCell sets one cell of a submission's draft to value.
func setDraftCell(ctx context.Context, tx *sql.Tx, d db.Dialect, subID int64, k CellKey, value string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM stat_draft_cells WHERE submission_id = $1 AND indicator = $2 AND dimension = $3
		AND category = $4 AND sex = $5 AND age = $6 AND year = $7`, subID, k.Indicator, k.Dimension, k.Category, k.Sex, k.Age, k.Year); err != nil {
		return fmt.Errorf("revise %s: %w", k, err)
	}
	_, err := db.InsertRows(ctx, tx, d, "stat_draft_cells", draftColumns,
		[][]any{{subID, k.Indicator, k.Dimension, k.Category, k.Sex, k.Age, k.Year, value}}, "")
	return err
}

// versionCells reads a version's cells in questionnaire order.
func versionCells(ctx context.Context, tx *sql.Tx, versionID int64) ([]Cell, error) {
	out, err := db.List(ctx, tx, fmt.Sprintf("read cells of version %d", versionID), func(row db.Scanner) (Cell, error) {
		var c Cell
		var kind string
		var n sql.NullInt64
		err := row.Scan(&c.Indicator, &c.Dimension, &c.Category, &c.Sex, &c.Age, &c.Year, &kind, &n, &c.CategoryISO3)
		c.Value = stats.Value{Kind: kind, N: n.Int64}
		return c, err
	}, `SELECT indicator, dimension, category, sex, age, year, value_kind, value,
		COALESCE(category_iso3, '') FROM stat_version_cells WHERE version_id = $1`, versionID)
	sortCells(out)
	return out, err
}

// insertVersionCells freezes cells as a version's.
func insertVersionCells(ctx context.Context, tx *sql.Tx, d db.Dialect, versionID int64, cells []Cell) error {
	rows := make([][]any, len(cells))
	for i, c := range cells {
		var n, catISO3 any
		if c.Value.Kind == stats.KindCount {
			n = c.Value.N
		}
		if c.CategoryISO3 != "" {
			catISO3 = c.CategoryISO3
		}
		rows[i] = []any{versionID, c.Indicator, c.Dimension, c.Category, c.Sex, c.Age, c.Year, c.Value.Kind, n, catISO3}
	}
	_, err := db.InsertRows(ctx, tx, d, "stat_version_cells", []string{"version_id bigint", "indicator text", "dimension text",
		"category text", "sex text", "age text", "year int", "value_kind text", "value bigint", "category_iso3 text"}, rows, "")
	if err != nil {
		return fmt.Errorf("write cells of version %d: %w", versionID, err)
	}
	return nil
}
