package stats

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/db"
)

// exportObservations reads every observation of country and indicator
// (each "" for all), as stored, in the published layout's order, and hands
// each to fn.
func exportObservations(ctx context.Context, tx *sql.Tx, country, indicator string,
	fn func(k Key, unit string, v Value, source, status string, published publishedAs)) error {
	return db.Each(ctx, tx, "export observations", `SELECT iso3, indicator, dimension, category, sex, age, year, unit, source, status,
		COALESCE(published_name, ''), COALESCE(published_source, ''), value_kind, value
		FROM stat_observations WHERE ($1 = '' OR iso3 = $1) AND ($2 = '' OR indicator = $2)
		ORDER BY iso3, indicator, dimension, category, sex, age, year`, func(row db.Scanner) error {
		var k Key
		var unit, source, status string
		var pub publishedAs
		var v Value
		if err := scanWithValue(row, &v, &k.ISO3, &k.Indicator, &k.Dimension, &k.Category, &k.Sex, &k.Age, &k.Year, &unit, &source, &status,
			&pub.Name, &pub.Source); err != nil {
			return err
		}
		fn(k, unit, v, source, status, pub)
		return nil
	}, country, indicator)
}

// exportAggregates reads the published aggregates of indicator ("" for
// all) in the layout's order, and hands each to fn, its code as the key's
// ISO3.
func exportAggregates(ctx context.Context, tx *sql.Tx, indicator string,
	fn func(k Key, name, unit string, v Value, source string)) error {
	return db.Each(ctx, tx, "export aggregates", `SELECT COALESCE(published_code, code), name, indicator, dimension, category, sex, age, year, unit,
		COALESCE(published_source, source), value_kind, value
		FROM stat_aggregates WHERE ($1 = '' OR indicator = $1) ORDER BY code, indicator, dimension, category, sex, age, year`, func(row db.Scanner) error {
		var k Key
		var name, unit, source string
		var v Value
		if err := scanWithValue(row, &v, &k.ISO3, &name, &k.Indicator, &k.Dimension, &k.Category, &k.Sex, &k.Age, &k.Year, &unit, &source); err != nil {
			return err
		}
		fn(k, name, unit, v, source)
		return nil
	}, indicator)
}

// importFindings reads, for each file name, the findings of its latest
// import (JSON, as stored).
func importFindings(ctx context.Context, tx *sql.Tx) ([][2]string, error) {
	return db.List(ctx, tx, "import findings", func(row db.Scanner) ([2]string, error) {
		var f [2]string
		err := row.Scan(&f[0], &f[1])
		return f, err
	}, `SELECT file_name, findings FROM stat_imports i
		WHERE id = (SELECT MAX(id) FROM stat_imports j WHERE j.file_name = i.file_name) ORDER BY file_name`)
}
