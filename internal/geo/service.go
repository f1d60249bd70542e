package geo

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// Service answers questions about places. The country table is built into
// the binary (from CLDR), so lookups are in memory; groupings and population
// live in the database.
type Service struct {
	DB        *db.DB
	countries []Country // by ISO3
	byISO3    map[string]int
	byISO2    map[string]int
	byM49     map[string]int
	// Index, when set, is the one search, which Seed gives every country's
	// page (its name in the six languages).
	Index *search.Index
}

// NewService builds the country index.
func NewService(d *db.DB) *Service {
	s := &Service{DB: d, countries: reference(), byISO3: map[string]int{}, byISO2: map[string]int{}, byM49: map[string]int{}}
	for i, c := range s.countries {
		s.byISO3[c.ISO3], s.byISO2[c.ISO2], s.byM49[c.M49] = i, i, i
	}
	return s
}

// Countries returns every country and area, by ISO3 code.
func (s *Service) Countries() []Country { return slices.Clone(s.countries) }

// Country returns the country with ISO3 code iso3.
func (s *Service) Country(iso3 string) (Country, bool) {
	i, ok := s.byISO3[strings.ToUpper(iso3)]
	if !ok {
		return Country{}, false
	}
	return s.countries[i], true
}

// PlaceName is the name in lang of the country with ISO3 or ISO2 code code
// (any case), or false: web.Catalog.Places.
func (s *Service) PlaceName(code, lang string) (string, bool) {
	c, ok := s.Country(code)
	if !ok {
		c, ok = s.ByISO2(code)
	}
	if !ok {
		return "", false
	}
	return c.Name(lang), true
}

// Known reports whether iso3 is an ISO 3166-1 alpha-3 code.
func (s *Service) Known(iso3 string) bool { _, ok := s.byISO3[iso3]; return ok }

// ByISO2 returns the country with alpha-2 code iso2.
func (s *Service) ByISO2(iso2 string) (Country, bool) {
	i, ok := s.byISO2[strings.ToUpper(iso2)]
	if !ok {
		return Country{}, false
	}
	return s.countries[i], true
}

// ByM49 returns the country with M49 numeric code m49 ("404").
func (s *Service) ByM49(m49 string) (Country, bool) {
	i, ok := s.byM49[m49]
	if !ok {
		return Country{}, false
	}
	return s.countries[i], true
}

// IsRegionCode reports whether code is an M49 region, sub-region or
// intermediate region this table uses.
func IsRegionCode(code string) bool {
	return slices.Contains(m49Regions, code) || slices.Contains(m49Subregions, code) || slices.Contains(m49Intermediates, code)
}

// RegionCodes returns the M49 regions, sub-regions and intermediate regions.
func RegionCodes() (regions, subregions, intermediates []string) {
	return slices.Clone(m49Regions), slices.Clone(m49Subregions), slices.Clone(m49Intermediates)
}

// SortByName sorts countries by their name in lang, in the order readers
// of lang expect (web.Collator).
func SortByName(cs []Country, lang string) {
	web.SortByText(cs, lang, func(c Country) string { return c.Name(lang) })
}

// systemGroupings are the groupings every tipsom has: M49's three levels and
// the UN regional groups.
func (s *Service) systemGroupings() []*Grouping {
	m49 := func(id, name, kind string, pick func(Country) string) *Grouping {
		g := &Grouping{ID: id, Name: name, Kind: kind, System: true}
		for _, c := range s.countries {
			if code := pick(c); code != "" {
				g.Members = append(g.Members, Member{ISO3: c.ISO3, Group: code})
			}
		}
		return g
	}
	un := &Grouping{ID: "un-regional-groups", Name: "UN regional groups", Kind: KindUNRegionalGroup, System: true}
	for _, group := range unRegionalGroupOrder {
		for _, iso3 := range unRegionalGroups[group] {
			un.Members = append(un.Members, Member{ISO3: iso3, Group: group})
		}
	}
	return []*Grouping{
		m49("m49-regions", "M49 regions", KindM49Region, func(c Country) string { return c.Region }),
		m49("m49-subregions", "M49 sub-regions", KindM49Subregion, func(c Country) string { return c.Subregion }),
		m49("m49-intermediate-regions", "M49 intermediate regions", KindM49Intermediate, func(c Country) string { return c.Intermediate }),
		un,
	}
}

// Seed writes the country table and the system groupings item by item
// (db.Seeds): a country or grouping whose shipped version differs from the
// one applied is written again; a second start with the same binary
// changes nothing.
func (s *Service) Seed(ctx context.Context) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		seeds, err := db.OpenSeeds(ctx, tx, s.DB.Dialect, "geo")
		if err != nil {
			return err
		}
		countries, groupings := 0, 0
		var docs []search.Document
		for _, c := range s.countries {
			if s.Index == nil {
				continue
			}
			d := countryDocument(c)
			if _, err := seeds.Upsert("search:country:"+c.ISO3, d, func() error { docs = append(docs, d); return nil }); err != nil {
				return err
			}
		}
		if err := s.Index.Put(ctx, tx, docs...); err != nil {
			return err
		}
		for _, c := range s.countries {
			wrote, err := seeds.Upsert("country:"+c.ISO3, c, func() error { return upsertCountry(ctx, tx, c) })
			if err != nil {
				return err
			}
			if wrote {
				countries++
			}
		}
		for _, g := range s.systemGroupings() {
			wrote, err := seeds.Upsert("grouping:"+g.ID, g, func() error { return replaceGrouping(ctx, tx, g) })
			if err != nil {
				return err
			}
			if wrote {
				groupings++
			}
		}
		if countries+groupings == 0 {
			return nil
		}
		return audit.Record(ctx, tx, audit.Actor{Label: "system:seed"}, audit.Change{Action: "reference.seed", EntityType: "reference",
			EntityID: "geo", Detail: fmt.Sprintf("%d countries, %d system groupings written", countries, groupings)})
	})
}

// Groupings lists every grouping with its country count.
func (s *Service) Groupings(ctx context.Context) ([]Grouping, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]Grouping, error) {
		return listGroupings(ctx, tx)
	})
}

// Grouping returns a grouping with its members.
func (s *Service) Grouping(ctx context.Context, id string) (*Grouping, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Grouping, error) {
		return getGrouping(ctx, tx, id)
	})
}

// GroupsOf returns the group of iso3 in every grouping that places it.
func (s *Service) GroupsOf(ctx context.Context, iso3 string) ([]CountryGroup, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]CountryGroup, error) {
		return groupsOf(ctx, tx, iso3)
	})
}

// MayEdit reports whether by may change groupings and population:
// analysts and admins.
func (s *Service) MayEdit(by *auth.Principal) error {
	return auth.Require(by, auth.Analysts...)
}

// SaveGrouping creates an analyst's grouping, or replaces the one with the
// same name and edition. Analysts and admins only; system groupings cannot
// be overwritten.
func (s *Service) SaveGrouping(ctx context.Context, by *auth.Principal, in GroupingInput) (*Grouping, error) {
	if err := s.MayEdit(by); err != nil {
		return nil, err
	}
	if err := in.Validate(s.Known); err != nil {
		return nil, err
	}
	g := &Grouping{ID: in.ID(), Name: in.Name, Edition: in.Edition, Kind: KindCustom, Members: in.Members}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getGrouping(ctx, tx, g.ID)
		switch {
		case err == nil && before.System:
			return errs.Invalid().Field("name", "err.geo_system_grouping")
		case err != nil && !errs.Is(err, errs.KindNotFound):
			return err
		case err != nil:
			before = nil
		}
		if err := replaceGrouping(ctx, tx, g); err != nil {
			return err
		}
		var prev any
		if before != nil {
			prev = before.Members
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "grouping.save", EntityType: "grouping",
			EntityID: g.ID, Before: prev, After: g.Members, Detail: fmt.Sprintf("%s: %d countries", g.Name, len(g.Members))})
	})
	if err != nil {
		return nil, err
	}
	return s.Grouping(ctx, g.ID)
}

// DeleteGrouping removes an analyst's grouping. Analysts and admins only.
func (s *Service) DeleteGrouping(ctx context.Context, by *auth.Principal, id string) error {
	if err := s.MayEdit(by); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		g, err := getGrouping(ctx, tx, id)
		if err != nil {
			return err
		}
		if g.System {
			return errs.Conflict("err.geo_system_grouping")
		}
		if err := deleteGrouping(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "grouping.delete", EntityType: "grouping",
			EntityID: id, Before: g.Members, Detail: g.Name})
	})
}

// ImportPopulation stores population figures from source; figures already
// held unchanged are left alone, so importing a file twice changes nothing.
// It returns how many figures were added or changed. Analysts and admins.
func (s *Service) ImportPopulation(ctx context.Context, by *auth.Principal, rows []Population, source string) (int, error) {
	if err := s.MayEdit(by); err != nil {
		return 0, err
	}
	changed := 0
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		for _, p := range rows {
			ok, err := upsertPopulation(ctx, tx, p, source)
			if err != nil {
				return fmt.Errorf("population %s %d: %w", p.ISO3, p.Year, err)
			}
			if ok {
				changed++
			}
		}
		if changed == 0 {
			return nil
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "population.import", EntityType: "population",
			EntityID: source, After: rows, Detail: strconv.Itoa(changed) + " figures added or changed"})
	})
	return changed, err
}

// PopulationOf returns a country's population series.
func (s *Service) PopulationOf(ctx context.Context, iso3 string) ([]Population, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]Population, error) {
		return populationOf(ctx, tx, iso3)
	})
}

// PopulationCoverage counts countries with a figure, per year.
func (s *Service) PopulationCoverage(ctx context.Context) ([]YearCoverage, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]YearCoverage, error) {
		return populationCoverage(ctx, tx)
	})
}
