package stats

import (
	"context"
	"database/sql"
)

// exportObservations reads every observation of country and indicator
// (each "" for all), as stored, in the published layout's order, and hands
// each to fn.
func exportObservations(ctx context.Context, tx *sql.Tx, country, indicator string,
	fn func(k Key, unit string, v Value, source, status string)) error {
	rows, err := tx.QueryContext(ctx, `SELECT iso3, indicator, dimension, category, sex, age, year, unit, value_kind, value, source, status
		FROM stat_observations WHERE ($1 = '' OR iso3 = $1) AND ($2 = '' OR indicator = $2)
		ORDER BY iso3, indicator, dimension, category, sex, age, year`, country, indicator)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k Key
		var unit, kind, source, status string
		var n sql.NullInt64
		if err := rows.Scan(&k.ISO3, &k.Indicator, &k.Dimension, &k.Category, &k.Sex, &k.Age, &k.Year, &unit, &kind, &n, &source, &status); err != nil {
			return err
		}
		fn(k, unit, scanValue(kind, n), source, status)
	}
	return rows.Err()
}

// exportAggregates reads the published aggregates of indicator ("" for
// all) in the layout's order, and hands each to fn, its code as the key's
// ISO3.
func exportAggregates(ctx context.Context, tx *sql.Tx, indicator string,
	fn func(k Key, name, unit string, v Value, source string)) error {
	rows, err := tx.QueryContext(ctx, `SELECT code, name, indicator, dimension, category, sex, age, year, unit, value_kind, value, source
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
