package stats

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/db"
)

// smallCounts selects the published counts from 1 to 4. It is, word for
// word, the WHERE clause of the partial index stat_observations_small
// (migration 00016): with literals, so SQLite and PostgreSQL both see that
// the index holds every row the query wants.
const smallCounts = `status = 'published' AND value_kind = 'count' AND value BETWEEN 1 AND 4`

// smallGroups lists the groups of scope with a published count from 1 to 4.
func smallGroups(ctx context.Context, tx *sql.Tx, sc releaseScope) (map[groupOf]bool, error) {
	var w db.Where
	w.Add(smallCounts)
	w.In("indicator", db.Args(sc.Indicators))
	w.In("iso3", db.Args(sc.Countries))
	w.When(sc.From != 0, "year BETWEEN ? AND ?", sc.From, sc.To)
	q := `SELECT DISTINCT iso3, indicator, year FROM stat_observations` + w.SQL()
	out := map[groupOf]bool{}
	err := db.Each(ctx, tx, "groups with small counts", q, func(row db.Scanner) error {
		var g groupOf
		err := row.Scan(&g.ISO3, &g.Indicator, &g.Year)
		out[g] = true
		return err
	}, w.Args()...)
	return out, err
}

// groupFigures reads every published figure of groups: one query per
// indicator, on the unique key's index (iso3, indicator, …).
func groupFigures(ctx context.Context, tx *sql.Tx, groups map[groupOf]bool) (map[groupOf][]groupFigure, error) {
	countries, years := map[string]map[string]bool{}, map[string]map[string]bool{}
	for g := range groups {
		if countries[g.Indicator] == nil {
			countries[g.Indicator], years[g.Indicator] = map[string]bool{}, map[string]bool{}
		}
		countries[g.Indicator][g.ISO3] = true
		years[g.Indicator][strconv.Itoa(g.Year)] = true
	}
	out := map[groupOf][]groupFigure{}
	for ind, cs := range countries {
		var w db.Where
		w.Add("status = ? AND indicator = ?", StatusPublished, ind)
		w.In("iso3", db.Args(members(cs)))
		w.Add(`year IN (` + strings.Join(members(years[ind]), ",") + `) AND value_kind IN ('` + KindCount + `', '` + KindSuppressed + `')`)
		q := `SELECT iso3, dimension, category, sex, age, year, value_kind, value FROM stat_observations` + w.SQL()
		err := db.Each(ctx, tx, "figures of groups with small counts", q, func(row db.Scanner) error {
			f := groupFigure{Key: Key{Indicator: ind}}
			if err := scanWithValue(row, &f.Value, &f.Key.ISO3, &f.Key.Dimension, &f.Key.Category, &f.Key.Sex, &f.Key.Age, &f.Key.Year); err != nil {
				return err
			}
			if g := (groupOf{f.Key.ISO3, ind, f.Key.Year}); groups[g] {
				out[g] = append(out[g], f)
			}
			return nil
		}, w.Args()...)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
