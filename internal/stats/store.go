package stats

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// pgBatch rows go in one PostgreSQL statement, passed as arrays.
const pgBatch = 5000

// nullValue is the stored value column: the count, or NULL.
func nullValue(v Value) any {
	if v.Kind == KindCount {
		return v.N
	}
	return nil
}

func scanValue(kind string, n sql.NullInt64) Value {
	if kind == KindCount {
		return Value{Kind: KindCount, N: n.Int64}
	}
	return Value{Kind: kind}
}

// scanWithValue scans row into dest and the value_kind and value columns
// that follow them into v.
func scanWithValue(row db.Scanner, v *Value, dest ...any) error {
	var kind string
	var n sql.NullInt64
	err := row.Scan(append(dest, &kind, &n)...)
	*v = scanValue(kind, n)
	return err
}

// upsertSet updates a stored observation only when something it holds
// differs, so re-importing the same figures writes (and counts) nothing.
const upsertSet = ` ON CONFLICT (iso3, indicator, dimension, category, sex, age, year) DO UPDATE SET
	unit = excluded.unit, value_kind = excluded.value_kind, value = excluded.value,
	category_iso3 = excluded.category_iso3, status = excluded.status, source = excluded.source,
	import_id = excluded.import_id, submission_id = excluded.submission_id, updated_at = excluded.updated_at,
	published_name = excluded.published_name, published_source = excluded.published_source
	WHERE stat_observations.value_kind IS DISTINCT FROM excluded.value_kind
	   OR stat_observations.value IS DISTINCT FROM excluded.value
	   OR stat_observations.unit IS DISTINCT FROM excluded.unit
	   OR stat_observations.status IS DISTINCT FROM excluded.status
	   OR stat_observations.category_iso3 IS DISTINCT FROM excluded.category_iso3
	   OR stat_observations.published_name IS DISTINCT FROM excluded.published_name
	   OR stat_observations.published_source IS DISTINCT FROM excluded.published_source`

const obsColumns = `iso3, indicator, dimension, category, sex, age, year, unit, value_kind, value, category_iso3, status,
	source, import_id, submission_id, updated_at, published_name, published_source`

// obsColumnTypes are obsColumns with their PostgreSQL types, for
// db.InsertRows.
var obsColumnTypes = []string{"iso3 text", "indicator text", "dimension text", "category text", "sex text", "age text",
	"year int", "unit text", "value_kind text", "value bigint", "category_iso3 text", "status text", "source text",
	"import_id bigint", "submission_id bigint", "updated_at timestamptz", "published_name text", "published_source text"}

// upsertObservations writes observations, leaving rows whose value is
// already the same untouched, and returns how many were added or changed.
func upsertObservations(ctx context.Context, tx *sql.Tx, dialect db.Dialect, obs []Observation, importID, submissionID any) (int64, error) {
	now := db.Now()
	rows := make([][]any, len(obs))
	for i, o := range obs {
		rows[i] = []any{o.ISO3, o.Indicator, o.Dimension, o.Category, o.Sex, o.Age, o.Year, o.Unit,
			o.Value.Kind, nullValue(o.Value), db.Nullable(o.CategoryISO3), o.Status, o.Source, importID, submissionID, now,
			db.Nullable(o.PublishedName), db.Nullable(o.PublishedSource)}
	}
	n, err := db.InsertRows(ctx, tx, dialect, "stat_observations", obsColumnTypes, rows, upsertSet)
	if err != nil {
		return n, fmt.Errorf("store observations: %w", err)
	}
	return n, nil
}

// upsertAggregates stores published aggregates the same way.
func upsertAggregates(ctx context.Context, tx *sql.Tx, obs []Observation, importID any) (int64, error) {
	var total int64
	for _, o := range obs {
		res, err := tx.ExecContext(ctx, `INSERT INTO stat_aggregates (code, name, indicator, dimension, category, sex, age,
			year, unit, value_kind, value, source, import_id, published_source, published_code)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
			ON CONFLICT (code, indicator, dimension, category, sex, age, year) DO UPDATE SET name = excluded.name,
			unit = excluded.unit, value_kind = excluded.value_kind, value = excluded.value, source = excluded.source,
			import_id = excluded.import_id, published_source = excluded.published_source, published_code = excluded.published_code
			WHERE stat_aggregates.value_kind IS DISTINCT FROM excluded.value_kind
			   OR stat_aggregates.value IS DISTINCT FROM excluded.value OR stat_aggregates.name IS DISTINCT FROM excluded.name
			   OR stat_aggregates.published_source IS DISTINCT FROM excluded.published_source
			   OR stat_aggregates.published_code IS DISTINCT FROM excluded.published_code`,
			o.ISO3, o.Name, o.Indicator, o.Dimension, o.Category, o.Sex, o.Age, o.Year, o.Unit, o.Value.Kind,
			nullValue(o.Value), o.Source, importID, db.Nullable(o.PublishedSource), db.Nullable(o.PublishedCode))
		if err != nil {
			return total, fmt.Errorf("store aggregate %s: %w", o.ISO3, err)
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// keyArgs are a key's columns as query arguments, in table order.
func keyArgs(k Key) []any {
	return []any{k.ISO3, k.Indicator, k.Dimension, k.Category, k.Sex, k.Age, k.Year}
}

const keyWhere = `iso3 = $1 AND indicator = $2 AND dimension = $3 AND category = $4 AND sex = $5 AND age = $6 AND year = $7`

// queueConflict records a conflict unless the same one (same candidate
// values) is already queued or was resolved; a new conflict withdraws the
// key's stored figure, so it leaves every aggregate until resolved.
// It reports whether the conflict was new.
func queueConflict(ctx context.Context, tx *sql.Tx, c Conflict, importID any) (bool, error) {
	cands, err := json.Marshal(c.Candidates)
	if err != nil {
		return false, err
	}
	same := false
	err = db.Each(ctx, tx, "read conflicts", `SELECT candidates FROM stat_conflicts WHERE `+keyWhere, func(row db.Scanner) error {
		var prev string
		err := row.Scan(&prev)
		same = same || err == nil && sameCandidates(prev, c.Candidates)
		return err
	}, keyArgs(c.Key)...)
	if err != nil {
		return false, err
	}
	if same {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM stat_observations WHERE `+keyWhere, keyArgs(c.Key)...); err != nil {
		return false, fmt.Errorf("withdraw conflicting figure: %w", err)
	}
	args := append(keyArgs(c.Key), c.Unit, string(cands), importID, db.Now())
	_, err = tx.ExecContext(ctx, `INSERT INTO stat_conflicts (iso3, indicator, dimension, category, sex, age, year, unit,
		candidates, status, comment, import_id, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'open','',$10,$11)`, args...)
	if err != nil {
		return false, fmt.Errorf("queue conflict: %w", err)
	}
	return true, nil
}

// sameCandidates compares stored candidates with new ones by value (line
// numbers may differ between two saves of one file).
func sameCandidates(stored string, cs []Candidate) bool {
	var prev []Candidate
	if json.Unmarshal([]byte(stored), &prev) != nil || len(prev) != len(cs) {
		return false
	}
	for i := range cs {
		if prev[i].Value != cs[i].Value {
			return false
		}
	}
	return true
}

func importedBefore(ctx context.Context, tx *sql.Tx, sum string) (time.Time, bool, error) {
	var at time.Time
	err := tx.QueryRowContext(ctx, `SELECT imported_at FROM stat_imports WHERE sha256 = $1 ORDER BY id LIMIT 1`, sum).Scan(&at)
	if err == sql.ErrNoRows {
		return time.Time{}, false, nil
	}
	return at, err == nil, err
}
