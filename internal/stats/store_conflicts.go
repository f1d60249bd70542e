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

func scanConflict(row db.Scanner) (*QueuedConflict, error) {
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
	return db.List(ctx, tx, "list conflicts", scanQueuedConflict, q+` ORDER BY id`, args...)
}

func scanQueuedConflict(row db.Scanner) (QueuedConflict, error) {
	c, err := scanConflict(row)
	if err != nil {
		return QueuedConflict{}, err
	}
	return *c, nil
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

// where renders the filter as SQL conditions and their arguments.
func (f ConflictFilter) where() (string, []any) {
	var w db.Where
	w.When(f.Status != "", "status = ?", f.Status)
	w.When(f.ISO3 != "", "iso3 = ?", f.ISO3)
	w.When(f.Indicator != "", "indicator = ?", f.Indicator)
	w.When(f.Year != 0, "year = ?", f.Year)
	return w.SQL(), w.Args()
}

// queueConflicts lists one page of the conflicts f selects — by country,
// indicator, year, sex, age and id, so that a country's conflicts sit
// together — and how many it selects in all. Limit 0: all of them.
func queueConflicts(ctx context.Context, tx *sql.Tx, f ConflictFilter) ([]QueuedConflict, int, error) {
	where, args := f.where()
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM stat_conflicts`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	q := selectConflict + where + ` ORDER BY iso3, indicator, year, dimension, category, sex, age, id`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d OFFSET %d`, f.Limit, f.Offset)
	}
	out, err := db.List(ctx, tx, "conflict queue", scanQueuedConflict, q, args...)
	return out, total, err
}

// conflictFacets are the countries, indicators and years of the conflicts
// of status, for the queue's filters.
func conflictFacets(ctx context.Context, tx *sql.Tx, status string) (iso3s, indicators []string, years []int, err error) {
	q := func(col string) string {
		return `SELECT DISTINCT ` + col + ` FROM stat_conflicts WHERE status = $1 ORDER BY ` + col
	}
	if iso3s, err = db.List(ctx, tx, "conflict countries", db.Column[string], q("iso3"), status); err != nil {
		return nil, nil, nil, err
	}
	if indicators, err = db.List(ctx, tx, "conflict indicators", db.Column[string], q("indicator"), status); err != nil {
		return nil, nil, nil, err
	}
	years, err = db.List(ctx, tx, "conflict years", db.Column[int], q("year"), status)
	return iso3s, indicators, years, err
}
