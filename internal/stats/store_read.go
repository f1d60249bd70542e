package stats

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/tipsom/tipsom/internal/db"
)

// where renders q as SQL conditions and arguments.
func (q Query) where() (string, []any) {
	var w db.Where
	status := q.Status
	if status == "" {
		status = StatusPublished
	}
	w.Add("status = ?", status)
	for _, f := range []struct{ col, v string }{{"indicator", q.Indicator}, {"dimension", q.Dimension}, {"category", q.Category},
		{"sex", q.Sex}, {"age", q.Age}} {
		w.When(f.v != "", f.col+" = ?", f.v)
	}
	w.When(q.Year != 0, "year = ?", q.Year)
	w.In("iso3", db.Args(q.Countries))
	return w.And(), w.Args()
}

// publishedRows reads the published figures f selects, as stored, by year
// and country, in one query, which the index on (indicator, dimension, sex,
// age, year, category) serves.
func publishedRows(ctx context.Context, tx *sql.Tx, f cellFilter) (rowIndex, error) {
	args := []any{StatusPublished, f.Indicator, f.Dimension, f.From, f.To}
	q := `SELECT iso3, year, category, COALESCE(category_iso3, ''), sex, age, value_kind, value
		FROM stat_observations
		WHERE status = $1 AND indicator = $2 AND dimension = $3 AND year BETWEEN $4 AND $5`
	for _, c := range []struct{ col, v string }{{"sex", f.Sex}, {"age", f.Age}, {"category", f.Category}} {
		if c.v != "" {
			args = append(args, c.v)
			q += ` AND ` + c.col + ` = $` + strconv.Itoa(len(args))
		}
	}
	ix := rowIndex{}
	err := db.Each(ctx, tx, "published figures", q, func(row db.Scanner) error {
		var o obsRow
		err := scanWithValue(row, &o.Value, &o.ISO3, &o.Year, &o.Category, &o.CategoryISO3, &o.Sex, &o.Age)
		if ix[o.Year] == nil {
			ix[o.Year] = map[string][]obsRow{}
		}
		ix[o.Year][o.ISO3] = append(ix[o.Year][o.ISO3], o)
		return err
	}, args...)
	return ix, err
}

// citizenshipRows reads the published figures of q's indicator, sex, age
// and year broken down by citizenship, as stored: by detecting country,
// then category.
func citizenshipRows(ctx context.Context, tx *sql.Tx, q FlowQuery) ([]obsRow, error) {
	return db.List(ctx, tx, "figures by citizenship", func(row db.Scanner) (obsRow, error) {
		o := obsRow{Year: q.Year, Sex: q.Sex, Age: q.Age}
		err := scanWithValue(row, &o.Value, &o.ISO3, &o.Category, &o.CategoryISO3)
		return o, err
	}, `SELECT iso3, category, COALESCE(category_iso3, ''), value_kind, value
		FROM stat_observations
		WHERE indicator = $1 AND dimension = $2 AND sex = $3 AND age = $4 AND year = $5 AND status = $6
		ORDER BY iso3, category`, q.Indicator, DimCitizenship, q.Sex, q.Age, q.Year, StatusPublished)
}

// queryObservations reads up to limit observations matching q from offset,
// in key order, as stored.
func queryObservations(ctx context.Context, tx *sql.Tx, q Query, offset, limit int) ([]Observation, error) {
	where, args := q.where()
	return db.List(ctx, tx, "observations", func(row db.Scanner) (Observation, error) {
		var o Observation
		err := scanWithValue(row, &o.Value, &o.ISO3, &o.Indicator, &o.Dimension, &o.Category, &o.Sex, &o.Age, &o.Year, &o.Unit,
			&o.CategoryISO3, &o.Source, &o.Status)
		return o, err
	}, `SELECT iso3, indicator, dimension, category, sex, age, year, unit,
		COALESCE(category_iso3, ''), source, status, value_kind, value FROM stat_observations WHERE `+where+`
		ORDER BY iso3, indicator, dimension, category, sex, age, year
		LIMIT `+strconv.Itoa(limit)+` OFFSET `+strconv.Itoa(max(offset, 0)), args...)
}

// cellFigures reads the figures matching q, as stored, by key.
func cellFigures(ctx context.Context, tx *sql.Tx, q Query) (map[Key]Value, error) {
	where, args := q.where()
	out := map[Key]Value{}
	err := db.Each(ctx, tx, "figures", `SELECT iso3, indicator, dimension, category, sex, age, year, value_kind, value
		FROM stat_observations WHERE `+where, func(row db.Scanner) error {
		var k Key
		var v Value
		err := scanWithValue(row, &v, &k.ISO3, &k.Indicator, &k.Dimension, &k.Category, &k.Sex, &k.Age, &k.Year)
		out[k] = v
		return err
	}, args...)
	return out, err
}

// latestYear is the last year with a published figure of indicator by
// dimension at the sex and age totals, if any; the index on (indicator,
// dimension, sex, age, year) answers it without a scan.
func latestYear(ctx context.Context, tx *sql.Tx, indicator, dimension string) (sql.NullInt64, error) {
	var y sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT MAX(year) FROM stat_observations
		WHERE indicator = $1 AND dimension = $2 AND sex = 'total' AND age = 'total' AND status = $3`,
		indicator, dimension, StatusPublished).Scan(&y)
	return y, err
}

// countryLatestYear is the last year with a published total of indicator
// for iso3, if any (the unique key's index answers it).
func countryLatestYear(ctx context.Context, tx *sql.Tx, iso3, indicator string) (sql.NullInt64, error) {
	var y sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT MAX(year) FROM stat_observations WHERE iso3 = $1 AND indicator = $2
		AND dimension = 'total' AND category = 'Total' AND sex = 'total' AND age = 'total' AND status = $3`,
		iso3, indicator, StatusPublished).Scan(&y)
	return y, err
}

// sourceCounts counts the published figures of years from…to by source.
func sourceCounts(ctx context.Context, tx *sql.Tx, from, to int) ([]SourceCount, error) {
	return db.List(ctx, tx, "figures by source", scanSourceCount, `SELECT source, COUNT(*) FROM stat_observations
		WHERE status = $1 AND year BETWEEN $2 AND $3 GROUP BY source ORDER BY source`, StatusPublished, from, to)
}

// figureSources counts the published figures of indicator in the years
// from–to by source, the most used first.
func figureSources(ctx context.Context, tx *sql.Tx, indicator string, from, to int) ([]SourceCount, error) {
	return db.List(ctx, tx, "sources of "+indicator, scanSourceCount, `SELECT source, COUNT(*) FROM stat_observations
		WHERE status = $1 AND indicator = $2 AND year >= $3 AND year <= $4 GROUP BY source ORDER BY COUNT(*) DESC, source`,
		StatusPublished, indicator, from, to)
}

func scanSourceCount(row db.Scanner) (SourceCount, error) {
	var s SourceCount
	err := row.Scan(&s.Source, &s.Figures)
	return s, err
}
