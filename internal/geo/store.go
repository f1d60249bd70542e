package geo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

func upsertCountry(ctx context.Context, tx *sql.Tx, c Country) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO countries (iso3, iso2, m49, region, subregion, intermediate,
		name_ar, name_zh, name_en, name_fr, name_ru, name_es) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)
		ON CONFLICT (iso3) DO UPDATE SET iso2 = excluded.iso2, m49 = excluded.m49, region = excluded.region,
		subregion = excluded.subregion, intermediate = excluded.intermediate, name_ar = excluded.name_ar,
		name_zh = excluded.name_zh, name_en = excluded.name_en, name_fr = excluded.name_fr,
		name_ru = excluded.name_ru, name_es = excluded.name_es`,
		c.ISO3, c.ISO2, c.M49, c.Region, c.Subregion, c.Intermediate,
		c.Names["ar"], c.Names["zh"], c.Names["en"], c.Names["fr"], c.Names["ru"], c.Names["es"])
	if err != nil {
		return fmt.Errorf("store country %s: %w", c.ISO3, err)
	}
	return nil
}

// replaceGrouping writes a grouping and its members, replacing any earlier
// version with the same id.
func replaceGrouping(ctx context.Context, tx *sql.Tx, g *Grouping) error {
	now := db.Now()
	_, err := tx.ExecContext(ctx, `INSERT INTO groupings (id, name, edition, kind, system, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, edition = excluded.edition, updated_at = excluded.updated_at`,
		g.ID, g.Name, g.Edition, g.Kind, g.System, now)
	if err != nil {
		return fmt.Errorf("store grouping %s: %w", g.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM grouping_members WHERE grouping_id = $1`, g.ID); err != nil {
		return fmt.Errorf("clear grouping %s: %w", g.ID, err)
	}
	for _, m := range g.Members {
		if _, err := tx.ExecContext(ctx, `INSERT INTO grouping_members (grouping_id, iso3, group_name) VALUES ($1, $2, $3)`,
			g.ID, m.ISO3, m.Group); err != nil {
			return fmt.Errorf("store member %s of %s: %w", m.ISO3, g.ID, err)
		}
	}
	return nil
}

const selectGrouping = `SELECT g.id, g.name, g.edition, g.kind, g.system, g.updated_at,
	(SELECT COUNT(*) FROM grouping_members m WHERE m.grouping_id = g.id) FROM groupings g`

func deleteGrouping(ctx context.Context, tx *sql.Tx, id string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM groupings WHERE id = $1`, id)
	return err
}

func scanGrouping(row db.Scanner) (Grouping, error) {
	var g Grouping
	err := row.Scan(&g.ID, &g.Name, &g.Edition, &g.Kind, &g.System, &g.UpdatedAt, &g.Countries)
	g.UpdatedAt = g.UpdatedAt.UTC()
	return g, err
}

func listGroupings(ctx context.Context, tx *sql.Tx) ([]Grouping, error) {
	return db.List(ctx, tx, "list groupings", scanGrouping, selectGrouping+` ORDER BY g.system DESC, g.edition DESC, g.name`)
}

func getGrouping(ctx context.Context, tx *sql.Tx, id string) (*Grouping, error) {
	g, err := scanGrouping(tx.QueryRowContext(ctx, selectGrouping+` WHERE g.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("get grouping %s: %w", id, err)
	}
	g.Members, err = db.List(ctx, tx, "members of grouping "+id, func(row db.Scanner) (Member, error) {
		var m Member
		err := row.Scan(&m.ISO3, &m.Group)
		return m, err
	}, `SELECT iso3, group_name FROM grouping_members WHERE grouping_id = $1 ORDER BY group_name, iso3`, id)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, m := range g.Members {
		if !seen[m.Group] {
			seen[m.Group] = true
			g.Groups = append(g.Groups, m.Group)
		}
	}
	return &g, nil
}

// CountryGroup is the group a country belongs to in one grouping.
type CountryGroup struct {
	GroupingID   string `json:"grouping_id"`
	GroupingName string `json:"grouping"`
	Edition      string `json:"edition,omitempty"`
	Kind         string `json:"kind"`
	System       bool   `json:"system"`
	Group        string `json:"group"`
}

// GroupKey is the catalogue key of the group's name ("" for analysts' groupings).
func (c CountryGroup) GroupKey() string { return labelKey(c.Kind, c.Group) }

func groupsOf(ctx context.Context, tx *sql.Tx, iso3 string) ([]CountryGroup, error) {
	return db.List(ctx, tx, "groups of "+iso3, func(row db.Scanner) (CountryGroup, error) {
		var c CountryGroup
		err := row.Scan(&c.GroupingID, &c.GroupingName, &c.Edition, &c.Kind, &c.System, &c.Group)
		return c, err
	}, `SELECT g.id, g.name, g.edition, g.kind, g.system, m.group_name
		FROM grouping_members m JOIN groupings g ON g.id = m.grouping_id WHERE m.iso3 = $1
		ORDER BY g.system DESC, g.edition DESC, g.name`, iso3)
}

// upsertPopulation stores one figure and reports whether anything changed.
func upsertPopulation(ctx context.Context, tx *sql.Tx, p Population, source string) (bool, error) {
	var cur int64
	err := tx.QueryRowContext(ctx, `SELECT population FROM population WHERE iso3 = $1 AND year = $2`, p.ISO3, p.Year).Scan(&cur)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.ExecContext(ctx, `INSERT INTO population (iso3, year, population, source) VALUES ($1, $2, $3, $4)`,
			p.ISO3, p.Year, p.Value, source)
		return err == nil, err
	case err != nil:
		return false, err
	case cur == p.Value:
		return false, nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE population SET population = $1, source = $2 WHERE iso3 = $3 AND year = $4`,
		p.Value, source, p.ISO3, p.Year)
	return err == nil, err
}

func populationOf(ctx context.Context, tx *sql.Tx, iso3 string) ([]Population, error) {
	return db.List(ctx, tx, "population of "+iso3, func(row db.Scanner) (Population, error) {
		var p Population
		err := row.Scan(&p.ISO3, &p.Year, &p.Value)
		return p, err
	}, `SELECT iso3, year, population FROM population WHERE iso3 = $1 ORDER BY year`, iso3)
}

// YearCoverage is how many countries have a population figure for a year.
type YearCoverage struct {
	Year      int `json:"year"`
	Countries int `json:"countries"`
}

func populationCoverage(ctx context.Context, tx *sql.Tx) ([]YearCoverage, error) {
	return db.List(ctx, tx, "population coverage", func(row db.Scanner) (YearCoverage, error) {
		var y YearCoverage
		err := row.Scan(&y.Year, &y.Countries)
		return y, err
	}, `SELECT year, COUNT(*) FROM population GROUP BY year ORDER BY year DESC`)
}
