package stats

import (
	"context"
	"database/sql"
)

// exportObservations reads every observation of country and indicator
// (each "" for all), as stored, in the published layout's order, and hands
// each to fn.
func exportObservations(ctx context.Context, tx *sql.Tx, country, indicator string,
	fn func(k Key, unit string, v Value, source, status string, published publishedAs)) error {
	rows, err := tx.QueryContext(ctx, `SELECT iso3, indicator, dimension, category, sex, age, year, unit, value_kind, value, source, status,
		COALESCE(published_name, ''), COALESCE(published_source, '')
		FROM stat_observations WHERE ($1 = '' OR iso3 = $1) AND ($2 = '' OR indicator = $2)
		ORDER BY iso3, indicator, dimension, category, sex, age, year`, country, indicator)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k Key
		var unit, kind, source, status string
		var pub publishedAs
		var n sql.NullInt64
		if err := rows.Scan(&k.ISO3, &k.Indicator, &k.Dimension, &k.Category, &k.Sex, &k.Age, &k.Year, &unit, &kind, &n, &source, &status,
			&pub.Name, &pub.Source); err != nil {
			return err
		}
		fn(k, unit, scanValue(kind, n), source, status, pub)
	}
	return rows.Err()
}

// exportAggregates reads the published aggregates of indicator ("" for
// all) in the layout's order, and hands each to fn, its code as the key's
// ISO3.
func exportAggregates(ctx context.Context, tx *sql.Tx, indicator string,
	fn func(k Key, name, unit string, v Value, source string)) error {
	rows, err := tx.QueryContext(ctx, `SELECT COALESCE(published_code, code), name, indicator, dimension, category, sex, age, year, unit, value_kind, value,
		COALESCE(published_source, source)
		FROM stat_aggregates WHERE ($1 = '' OR indicator = $1) ORDER BY code, indicator, dimension, category, sex, age, year`, indicator)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k Key
		var name, unit, kind, source string
		var n sql.NullInt64
		if err := rows.Scan(&k.ISO3, &name, &k.Indicator, &k.Dimension, &k.Category, &k.Sex, &k.Age, &k.Year, &unit, &kind, &n, &source); err != nil {
			return err
		}
		fn(k, name, unit, scanValue(kind, n), source)
	}
	return rows.Err()
}

// importFindings reads, for each file name, the findings of its latest
// import (JSON, as stored).
func importFindings(ctx context.Context, tx *sql.Tx) ([][2]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT file_name, findings FROM stat_imports i
		WHERE id = (SELECT MAX(id) FROM stat_imports j WHERE j.file_name = i.file_name) ORDER BY file_name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var f [2]string
		if err := rows.Scan(&f[0], &f[1]); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
