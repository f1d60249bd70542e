package stats

import (
	"context"
	"fmt"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
)

// GroupingNone asks for countries rather than the groups of a grouping.
const GroupingNone = "none"

// DefaultGrouping is the grouping analyses use when none is named.
const DefaultGrouping = "m49-region"

// Namer names things in the reader's language: a country by ISO3, a group
// of a grouping, a catalogue key. Analyses return rows already named, so
// pages, downloads and the API say the same.
type Namer struct {
	Country func(iso3 string) string
	Group   func(g *geo.Grouping, group string) string
	T       func(key string, args ...any) string
}

// GroupingName names a grouping: a built-in one in the reader's language,
// an analyst's by its name and edition.
func GroupingName(g *geo.Grouping, t func(key string, args ...any) string) string {
	switch {
	case g.System:
		return t("geo.grouping." + g.ID)
	case g.Edition != "":
		return g.Name + " (" + g.Edition + ")"
	}
	return g.Name
}

// Place is what a row of an analysis adds up: one country, or the
// countries of one group.
type Place struct {
	Code      string   `json:"code"`
	Label     string   `json:"label"`
	Countries []string `json:"-"`
	IsCountry bool     `json:"-"`
}

// grouping loads a grouping by API name, answering 400 naming the
// parameter when there is no such grouping.
func (s *Service) grouping(ctx context.Context, name string) (*geo.Grouping, error) {
	g, err := s.Geo.Grouping(ctx, GroupingID(name))
	if errs.Is(err, errs.KindNotFound) {
		return nil, errs.BadParam("grouping", "err.stats_grouping_unknown", "Value", name)
	}
	if err != nil {
		return nil, fmt.Errorf("grouping %s: %w", name, err)
	}
	return g, nil
}

// groupPlaces are the groups of grouping, in the grouping's order, each
// with its member countries.
func (s *Service) groupPlaces(ctx context.Context, grouping string, n Namer) ([]Place, error) {
	g, err := s.grouping(ctx, grouping)
	if err != nil {
		return nil, err
	}
	byGroup := membersByGroup(g)
	out := make([]Place, 0, len(g.Groups))
	for _, group := range g.Groups {
		out = append(out, Place{Code: group, Label: n.Group(g, group), Countries: byGroup[group]})
	}
	return out, nil
}

// countryPlaces makes one place per country.
func countryPlaces(iso3s []string, n Namer) []Place {
	out := make([]Place, 0, len(iso3s))
	for _, c := range iso3s {
		out = append(out, Place{Code: c, Label: n.Country(c), Countries: []string{c}, IsCountry: true})
	}
	return out
}

// allCountries lists every country tipsom knows.
func (s *Service) allCountries() []string {
	cs := s.Geo.Countries()
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ISO3
	}
	return out
}

// reporting lists the countries with any figure in ix, in the order of
// the reference table.
func (s *Service) reporting(ix rowIndex) []string {
	seen := map[string]bool{}
	for _, byCountry := range ix {
		for c := range byCountry {
			seen[c] = true
		}
	}
	var out []string
	for _, c := range s.allCountries() {
		if seen[c] {
			out = append(out, c)
		}
	}
	return out
}

// membersByGroup lists the member countries of each group of g.
func membersByGroup(g *geo.Grouping) map[string][]string {
	out := map[string][]string{}
	for _, m := range g.Members {
		out[m.Group] = append(out[m.Group], m.ISO3)
	}
	return out
}
