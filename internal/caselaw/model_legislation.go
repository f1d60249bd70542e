package caselaw

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// Instrument is a national law (act, code, decree…) in its JSON form: its
// articles with their texts by language and the Convention or Protocol
// articles each implements, and its amendments over time.
type Instrument struct {
	ID         string      `json:"id"`
	Country    string      `json:"country"`
	Kind       string      `json:"kind"`
	Title      string      `json:"title"`
	Year       int         `json:"year"`
	Language   string      `json:"language"`
	Articles   []Article   `json:"articles"`
	Amendments []Amendment `json:"amendments,omitempty"`
	Demo       bool        `json:"demo,omitempty"` // a fictional demo law, marked so on its page
}

// Article is one article of an instrument.
type Article struct {
	Number     string            `json:"number"`
	Heading    string            `json:"heading,omitempty"`
	Texts      map[string]string `json:"texts"`
	Implements []string          `json:"implements,omitempty"`
}

// Amendment is a change to the instrument on a date.
type Amendment struct {
	Date        string `json:"date"`
	Description string `json:"description"`
}

var (
	instrumentID  = regexp.MustCompile(`^[A-Z]{3}-[A-Z0-9-]{2,40}$`)
	articleNumber = regexp.MustCompile(`^[0-9A-Za-z.()-]{1,20}$`)
)

// treatyArticles is how many articles each implementable instrument has.
var treatyArticles = map[string]int{"untoc": 41, "tip-protocol": 20, "som-protocol": 25}

// validImplements reports whether v names an article of the Convention or
// its trafficking and smuggling Protocols ("tip-protocol:5").
func validImplements(v string) bool {
	in, num, ok := strings.Cut(v, ":")
	n, err := strconv.Atoi(num)
	return ok && err == nil && n >= 1 && n <= treatyArticles[in] && strconv.Itoa(n) == num
}

// Normalise trims and canonicalises the instrument.
func (in *Instrument) Normalise() {
	in.ID, in.Country = strings.ToUpper(strings.TrimSpace(in.ID)), strings.ToUpper(strings.TrimSpace(in.Country))
	in.Title, in.Kind, in.Language = spaces.ReplaceAllString(strings.TrimSpace(in.Title), " "), strings.TrimSpace(in.Kind), strings.TrimSpace(in.Language)
	for i := range in.Articles {
		a := &in.Articles[i]
		a.Number, a.Heading = strings.TrimSpace(a.Number), strings.TrimSpace(a.Heading)
		a.Implements = set(a.Implements)
		for k, v := range a.Texts {
			if v = strings.TrimSpace(v); v == "" {
				delete(a.Texts, k)
			} else {
				a.Texts[k] = v
			}
		}
	}
	for i := range in.Amendments {
		in.Amendments[i].Date, in.Amendments[i].Description = strings.TrimSpace(in.Amendments[i].Date), strings.TrimSpace(in.Amendments[i].Description)
	}
}

// Validate checks the instrument, each problem against its field.
func (in *Instrument) Validate(known func(string) bool) error {
	e := errs.Invalid()
	switch {
	case !instrumentID.MatchString(in.ID):
		e.Field("id", "err.caselaw_instrument_id")
	case in.Country != "" && in.ID[:3] != in.Country:
		e.Field("id", "err.caselaw_id_country", "Country", in.Country)
	}
	if !known(in.Country) {
		e.Field("country", "err.caselaw_unknown_country", "Code", in.Country)
	}
	oneOf(e, "kind", []string{in.Kind}, InstrumentKinds)
	text(e, "title", in.Title, maxTitle, true)
	if in.Year < 1800 || in.Year > 2100 {
		e.Field("year", "err.caselaw_year")
	}
	oneOf(e, "language", []string{in.Language}, web.LangCodes)
	seen := map[string]bool{}
	for i, a := range in.Articles {
		p := fmt.Sprintf("articles.%d.", i)
		switch {
		case !articleNumber.MatchString(a.Number):
			e.Field(p+"number", "err.caselaw_article_number")
		case seen[a.Number]:
			e.Field(p+"number", "err.caselaw_article_twice", "Number", a.Number)
		}
		seen[a.Number] = true
		text(e, p+"heading", a.Heading, maxShort, false)
		texts(e, p+"texts", a.Texts)
		for _, v := range a.Implements {
			if !validImplements(v) {
				e.Field(p+"implements", "err.caselaw_unknown_value", "Value", v)
			}
		}
	}
	for i, am := range in.Amendments {
		p := fmt.Sprintf("amendments.%d.", i)
		if _, err := time.Parse(time.DateOnly, am.Date); err != nil {
			e.Field(p+"date", "err.caselaw_date")
		}
		text(e, p+"description", am.Description, 2000, true)
	}
	return e.OrNil()
}

// Article returns the article numbered n, if any.
func (in *Instrument) Article(n string) (Article, bool) {
	i := slices.IndexFunc(in.Articles, func(a Article) bool { return a.Number == n })
	if i < 0 {
		return Article{}, false
	}
	return in.Articles[i], true
}

// ArticleURL is the permanent address of an article of national
// legislation: what case charges and self-assessment answers link to.
func ArticleURL(instrument, article string) string {
	u := "/legislation/" + instrument
	if article != "" {
		u += "#article-" + article
	}
	return u
}

// InstrumentSummary is an instrument as lists show it.
type InstrumentSummary struct {
	ID      string `json:"id"`
	Country string `json:"country"`
	Kind    string `json:"kind"`
	Title   string `json:"title"`
	Year    int    `json:"year"`
}

// Citation is a published case whose charges cite an article.
type Citation struct {
	Article string
	CaseID  string
	Title   string
}

// LegislationHit is one instrument found.
type LegislationHit struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Country string `json:"country"`
	Year    int    `json:"year"`
}

// LegislationResults is one page of a legislation search with its facets;
// GET /api/v1/legislation answers it.
type LegislationResults struct {
	Total  int                            `json:"total"`
	Hits   []LegislationHit               `json:"hits"`
	Facets map[string][]search.FacetCount `json:"facets"`
	Pages  int                            `json:"-"`
}
