package knowledge

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// PerPage is how many items a list page shows.
const PerPage = 20

// Browse is a list of one kind's published items: words, filters, page.
type Browse struct {
	Kind    Kind
	Text    string
	Filters map[string][]string
	Sort    string // "" (relevance with words, newest without) or "date"
	Page    int
	Lang    string
}

// Facets are the filters each kind's list offers.
func Facets(k Kind) []string {
	switch k {
	case KindResource:
		return []string{"type", "topic", "language", "country", "region", "body"}
	case KindPractice:
		return []string{"topic", "evaluated", "country", "region", "language"}
	}
	return []string{"topic", "country", "language"}
}

// allowedValues is the closed list of a facet's values; nil for country,
// checked against geo.
func allowedValues(facet string) []string {
	switch facet {
	case "type":
		return ResourceTypes
	case "topic":
		var all []string
		for _, g := range Taxonomy {
			all = append(all, g.Topics...)
		}
		return all
	case "language":
		return web.LangCodes
	case "region":
		return Regions
	case "body":
		return Bodies
	case "evaluated":
		return []string{"true", "false"}
	}
	return nil
}

// ParseBrowse reads a list's query from the URL (q, sort, page and each
// facet as a repeatable filter); a bad value is a 400 naming its parameter.
func ParseBrowse(k Kind, v url.Values, known func(string) bool) (Browse, error) {
	b := Browse{Kind: k, Text: strings.TrimSpace(v.Get("q")), Sort: v.Get("sort"), Filters: map[string][]string{}, Page: 1}
	if utf8.RuneCountInString(b.Text) > 500 {
		return b, errs.BadParam("q", "err.too_long", "Max", 500)
	}
	if b.Sort != "" && b.Sort != "date" && b.Sort != "relevance" {
		return b, errs.BadParam("sort", "err.knowledge_bad_param")
	}
	if p := v.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 5000 {
			return b, errs.BadParam("page", "err.knowledge_bad_param")
		}
		b.Page = n
	}
	for _, name := range Facets(k) {
		for _, val := range v[name] {
			if val = strings.TrimSpace(val); val == "" {
				continue
			}
			ok := false
			if name == "country" {
				ok = known(strings.ToUpper(val))
				val = strings.ToUpper(val)
			} else {
				ok = slices.Contains(allowedValues(name), val)
			}
			if !ok {
				return b, errs.BadParam(name, "err.knowledge_bad_filter", "Value", val)
			}
			if !slices.Contains(b.Filters[name], val) {
				b.Filters[name] = append(b.Filters[name], val)
			}
		}
	}
	return b, nil
}
