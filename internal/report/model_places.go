package report

import (
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/collate"

	"github.com/tipsom/tipsom/internal/geo"
)

// Kinds of place the edition has a page for.
const (
	KindWorld     = "world"
	KindRegion    = "region"
	KindSubregion = "subregion"
	KindCountry   = "country"
)

// Place is what one chapter of the edition is about: the world, a group of
// the chosen grouping (a region), a group of the sub-grouping (a
// sub-region) or one country.
type Place struct {
	Kind      string
	Code      string // "world", the group as the grouping stores it, or ISO3
	Slug      string // file name, without .html
	Grouping  *geo.Grouping
	Countries []string // the members; every country for the world
	Parent    *Place   // a sub-region's or a country's region
	Sub       *Place   // a country's sub-region
	Children  []*Place // a region's sub-regions
	Profiles  []*Place // the countries with a profile in this place
	M49       string   // a country's M49 code, for the maps
}

// Path is the page of the place, relative to a language's root.
func (p *Place) Path() string {
	switch p.Kind {
	case KindWorld:
		return "overview.html"
	case KindRegion:
		return "regions/" + p.Slug + ".html"
	case KindSubregion:
		return "subregions/" + p.Slug + ".html"
	}
	return "countries/" + p.Slug + ".html"
}

// ID is unique across the edition: it prefixes the element ids of the
// place's chapter in the printed report and names its data files.
func (p *Place) ID() string {
	if p.Kind == KindWorld {
		return "world"
	}
	return p.Kind + "-" + p.Slug
}

// Places is the edition's atlas: the world, its regions and sub-regions,
// and the countries with figures.
type Places struct {
	World      *Place
	Regions    []*Place
	Subregions []*Place
	Countries  []*Place // by ISO3
	byCountry  map[string]*Place
	regionOf   map[string]*Place // ISO3 → region
	subOf      map[string]*Place // ISO3 → sub-region
}

// newPlaces builds the atlas from the groupings (sub may be nil) and the
// countries that have figures, in the groupings' order.
func newPlaces(main, sub *geo.Grouping, countries []geo.Country, withData map[string]bool) *Places {
	all := make([]string, 0, len(countries))
	m49 := map[string]string{}
	for _, c := range countries {
		all = append(all, c.ISO3)
		m49[c.ISO3] = c.M49
	}
	ps := &Places{World: &Place{Kind: KindWorld, Code: "world", Slug: "world", Countries: all},
		byCountry: map[string]*Place{}, regionOf: map[string]*Place{}, subOf: map[string]*Place{}}
	ps.Regions = groupPlaces(main, KindRegion, ps.regionOf)
	if sub != nil {
		ps.Subregions = groupPlaces(sub, KindSubregion, ps.subOf)
		for _, s := range ps.Subregions {
			if r := majorityRegion(s, ps.regionOf); r != nil {
				s.Parent = r
				r.Children = append(r.Children, s)
			}
		}
	}
	for _, c := range all {
		if !withData[c] {
			continue
		}
		p := &Place{Kind: KindCountry, Code: c, Slug: c, Countries: []string{c}, Parent: ps.regionOf[c], Sub: ps.subOf[c], M49: m49[c]}
		ps.Countries = append(ps.Countries, p)
		ps.byCountry[c] = p
		ps.World.Profiles = append(ps.World.Profiles, p)
		for _, in := range []*Place{p.Parent, p.Sub} {
			if in != nil {
				in.Profiles = append(in.Profiles, p)
			}
		}
	}
	return ps
}

// groupPlaces makes a place of each group of g, recording each member's
// place in of.
func groupPlaces(g *geo.Grouping, kind string, of map[string]*Place) []*Place {
	byGroup := map[string]*Place{}
	var out []*Place
	slugs := map[string]bool{}
	for _, group := range g.Groups {
		p := &Place{Kind: kind, Code: group, Slug: uniqueSlug(group, slugs), Grouping: g}
		byGroup[group] = p
		out = append(out, p)
	}
	for _, m := range g.Members {
		if p := byGroup[m.Group]; p != nil {
			p.Countries = append(p.Countries, m.ISO3)
			of[m.ISO3] = p
		}
	}
	return out
}

// majorityRegion is the region holding most of a sub-region's countries
// (all of them, for the M49 hierarchy).
func majorityRegion(s *Place, regionOf map[string]*Place) *Place {
	count := map[*Place]int{}
	var best *Place
	for _, c := range s.Countries {
		r := regionOf[c]
		if r == nil {
			continue
		}
		count[r]++
		if best == nil || count[r] > count[best] {
			best = r
		}
	}
	return best
}

// nested reports whether a region is exactly the union of its sub-regions,
// so that its figure is their sum.
func (p *Place) nested() bool {
	if len(p.Children) == 0 {
		return false
	}
	in := map[string]bool{}
	for _, s := range p.Children {
		for _, c := range s.Countries {
			in[c] = true
		}
	}
	if len(in) != len(p.Countries) {
		return false
	}
	for _, c := range p.Countries {
		if !in[c] {
			return false
		}
	}
	return true
}

// uniqueSlug turns a group code or an analyst's label into a file name
// that no other group of the grouping has.
func uniqueSlug(s string, taken map[string]bool) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "group"
	}
	base := slug
	for i := 2; taken[slug]; i++ {
		slug = base + "-" + strconv.Itoa(i)
	}
	taken[slug] = true
	return slug
}

// sortedByName returns places sorted by their names in a language, as
// that language collates them.
func sortedByName(ps []*Place, name func(*Place) string, c *collate.Collator) []*Place {
	out := append([]*Place(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool { return c.CompareString(name(out[i]), name(out[j])) < 0 })
	return out
}
