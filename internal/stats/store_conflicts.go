package stats

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/tipsom/tipsom/internal/db"
)

const selectConflict = `SELECT id, iso3, indicator, dimension, category, sex, age, year, unit, candidates, status,
	chosen_kind, chosen_value, comment, COALESCE(resolved_by, ''), resolved_at, created_at FROM stat_conflicts`

func scanConflict(row interface{ Scan(...any) error }) (*QueuedConflict, error) {
	var c QueuedConflict
	var cands string
	var kind sql.NullString
	var val sql.NullInt64
	var at sql.NullTime
	err := row.Scan(&c.ID, &c.Key.ISO3, &c.Key.Indicator, &c.Key.Dimension, &c.Key.Category, &c.Key.Sex, &c.Key.Age,
		&c.Key.Year, &c.Unit, &cands, &c.Status, &kind, &val, &c.Comment, &c.ResolvedBy, &at, &c.CreatedAt)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(cands), &c.Candidates); err != nil {
		return nil, fmt.Errorf("conflict %d candidates: %w", c.ID, err)
	}
	if kind.Valid {
		v := scanValue(kind.String, val)
		c.Chosen = &v
	}
	if at.Valid {
		t := at.Time.UTC()
		c.ResolvedAt = &t
	}
	c.CreatedAt = c.CreatedAt.UTC()
	return &c, nil
}

// listConflicts lists the conflicts of status ("" for all), oldest first.
func listConflicts(ctx context.Context, tx *sql.Tx, status string) ([]QueuedConflict, error) {
	q, args := selectConflict, []any{}
	if status != "" {
		q, args = q+` WHERE status = $1`, append(args, status)
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []QueuedConflict
	for rows.Next() {
		c, err := scanConflict(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

// getConflict reads conflict id (sql.ErrNoRows when there is none).
func getConflict(ctx context.Context, tx *sql.Tx, id int64) (*QueuedConflict, error) {
	return scanConflict(tx.QueryRowContext(ctx, selectConflict+` WHERE id = $1`, id))
}

// closeConflict marks conflict id resolved with the chosen value v.
func closeConflict(ctx context.Context, tx *sql.Tx, id int64, v Value, comment, by string) error {
	return db.Exec(ctx, tx, fmt.Sprintf("close conflict %d", id), `UPDATE stat_conflicts SET status = 'resolved', chosen_kind = $1,
		chosen_value = $2, comment = $3, resolved_by = $4, resolved_at = $5 WHERE id = $6`,
		v.Kind, nullValue(v), comment, by, db.Now(), id)
}
