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

// FindPerPage is how many hits a page of the one search shows.
const FindPerPage = 20

// FindFacets are the facets of the one search, in the API's names: the
// kind of document (type), its country and its language.
var FindFacets = []string{"type", "country", "language"}

// Find is one search over every room's public documents.
type Find struct {
	Text     string
	Types    []string // kinds of document; none: all
	Country  []string
	Language []string
	Page     int
	Lang     string // the reader's, for titles and excerpts
}

// ParseFind reads the one search's URL: q, type, country, lang, page.
// kinds are the document kinds there are; a bad value is a 400 naming its
// parameter.
func ParseFind(v url.Values, kinds []string, known func(string) bool) (Find, error) {
	f := Find{Text: strings.TrimSpace(v.Get("q")), Page: 1}
	if utf8.RuneCountInString(f.Text) > 500 {
		return f, errs.BadParam("q", "err.too_long", "Max", 500)
	}
	if p := v.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 500 {
			return f, errs.BadParam("page", "err.knowledge_bad_param")
		}
		f.Page = n
	}
	add := func(list *[]string, name, val string, ok bool) error {
		if !ok {
			return errs.BadParam(name, "err.knowledge_bad_filter", "Value", val)
		}
		if !slices.Contains(*list, val) {
			*list = append(*list, val)
		}
		return nil
	}
	for _, t := range nonEmpty(v["type"]) {
		if err := add(&f.Types, "type", t, slices.Contains(kinds, t)); err != nil {
			return f, err
		}
	}
	for _, c := range nonEmpty(v["country"]) {
		c = strings.ToUpper(c)
		if err := add(&f.Country, "country", c, known(c)); err != nil {
			return f, err
		}
	}
	for _, l := range nonEmpty(v["lang"]) {
		if err := add(&f.Language, "lang", l, slices.Contains(web.LangCodes, l)); err != nil {
			return f, err
		}
	}
	return f, nil
}

func nonEmpty(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// Query is the search's own URL query (for links to other pages of it).
func (f Find) Query() url.Values {
	q := url.Values{}
	if f.Text != "" {
		q.Set("q", f.Text)
	}
	q["type"], q["country"], q["lang"] = f.Types, f.Country, f.Language
	for k, v := range q {
		if len(v) == 0 {
			delete(q, k)
		}
	}
	return q
}
