package stats

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// This file is where stored figures become public ones. Every public read
// of stat_observations — the observations API, the aggregates, the
// explorer's analyses (tables, charts, maps, downloads, rates, flows), the
// country profile, the Global Report, the public export — asks release for
// the groups it read and publishes each figure as release says: the count,
// "<5", or "x" (release_group.go decides). Only a group holding a stored
// count from 1 to 4 can differ from what is stored, so release first asks
// which groups those are, and reads nothing more for the others. Every sum
// is then made of published counts: "<5" and "x" add nothing to it and are
// counted in its coverage, so no derived figure tells more than the
// figures it adds up.

// groupOf is the group a figure belongs to.
type groupOf struct {
	ISO3      string
	Indicator string
	Year      int
}

// releaseScope says where a read looked: its indicators and countries
// (none: any) and its years (0: any).
type releaseScope struct {
	Indicators []string
	Countries  []string
	From, To   int
}

// released holds the public value of every figure in the scope that is not
// published as stored.
type released map[Key]Value

// public is the published value of the figure k stored as v.
func (r released) public(k Key, v Value) Value {
	if p, ok := r[k]; ok {
		return p
	}
	return v
}

// release applies the rule to the groups of scope holding a count from 1
// to 4, inside the reader's transaction (its snapshot).
func (s *Service) release(ctx context.Context, tx *sql.Tx, sc releaseScope) (released, error) {
	groups, err := smallGroups(ctx, tx, sc)
	if err != nil || len(groups) == 0 {
		return nil, err
	}
	figs, err := groupFigures(ctx, tx, groups)
	if err != nil {
		return nil, err
	}
	out := released{}
	for _, fs := range figs {
		for k, v := range releaseGroup(fs) {
			out[k] = v
		}
	}
	return out, nil
}

// inList appends values to args and returns their placeholders.
func inList(args *[]any, values []string) string {
	ph := make([]string, len(values))
	for i, v := range values {
		*args = append(*args, v)
		ph[i] = "$" + strconv.Itoa(len(*args))
	}
	return strings.Join(ph, ",")
}

// smallCounts selects the published counts from 1 to 4. It is, word for
// word, the WHERE clause of the partial index stat_observations_small
// (migration 00016): with literals, so SQLite and PostgreSQL both see that
// the index holds every row the query wants.
const smallCounts = `status = 'published' AND value_kind = 'count' AND value BETWEEN 1 AND 4`

// smallGroups lists the groups of scope with a published count from 1 to 4.
func smallGroups(ctx context.Context, tx *sql.Tx, sc releaseScope) (map[groupOf]bool, error) {
	var args []any
	q := `SELECT DISTINCT iso3, indicator, year FROM stat_observations WHERE ` + smallCounts
	if len(sc.Indicators) > 0 {
		q += ` AND indicator IN (` + inList(&args, sc.Indicators) + `)`
	}
	if len(sc.Countries) > 0 {
		q += ` AND iso3 IN (` + inList(&args, sc.Countries) + `)`
	}
	if sc.From != 0 {
		args = append(args, sc.From, sc.To)
		q += ` AND year BETWEEN $` + strconv.Itoa(len(args)-1) + ` AND $` + strconv.Itoa(len(args))
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("groups with small counts: %w", err)
	}
	defer rows.Close()
	out := map[groupOf]bool{}
	for rows.Next() {
		var g groupOf
		if err := rows.Scan(&g.ISO3, &g.Indicator, &g.Year); err != nil {
			return nil, err
		}
		out[g] = true
	}
	return out, rows.Err()
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
		args := []any{StatusPublished, ind}
		q := `SELECT iso3, dimension, category, sex, age, year, value_kind, value FROM stat_observations
			WHERE status = $1 AND indicator = $2 AND iso3 IN (` + inList(&args, members(cs)) + `)
			AND year IN (` + strings.Join(members(years[ind]), ",") + `) AND value_kind IN ('` + KindCount + `', '` + KindSuppressed + `')`
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("figures of groups with small counts: %w", err)
		}
		for rows.Next() {
			f := groupFigure{Key: Key{Indicator: ind}}
			var kind string
			var n sql.NullInt64
			if err := rows.Scan(&f.Key.ISO3, &f.Key.Dimension, &f.Key.Category, &f.Key.Sex, &f.Key.Age, &f.Key.Year, &kind, &n); err != nil {
				rows.Close()
				return nil, err
			}
			f.Value = scanValue(kind, n)
			if g := (groupOf{f.Key.ISO3, ind, f.Key.Year}); groups[g] {
				out[g] = append(out[g], f)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// members lists a set's members.
func members(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	return out
}
