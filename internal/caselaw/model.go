package caselaw

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/web"
)

// Case is a court decision in its one JSON form: the API, `tipsom import
// caselaw` and `tipsom export caselaw` all read and write it, so the names
// are a fixed point. Texts are kept per language ({"en": "…", "fr": "…"}).
type Case struct {
	ID           string            `json:"id"`
	CrimeTypes   []string          `json:"crime_types"`
	Country      string            `json:"country"`
	Court        string            `json:"court"`
	CourtLevel   string            `json:"court_level"`
	LegalSystem  string            `json:"legal_system,omitempty"`
	DecisionDate string            `json:"decision_date"`
	CaseNumber   string            `json:"case_number,omitempty"`
	Title        string            `json:"title"`
	Languages    []string          `json:"languages"`
	Summary      map[string]string `json:"summary"`
	Commentary   map[string]string `json:"commentary,omitempty"`
	Reasoning    map[string]string `json:"reasoning,omitempty"`
	Features     map[string]string `json:"significant_features,omitempty"`
	Defendants   []Defendant       `json:"defendants"`
	VictimCount  int               `json:"victim_count"`
	Victims      []Victim          `json:"victims"`
	Keywords     Keywords          `json:"keywords"`
	Sources      []string          `json:"sources,omitempty"`
	Demo         bool              `json:"demo,omitempty"` // a fictional demo record, marked so on its page
}

// Defendant is one accused person: never named, described by sex, age,
// nationality and role, with the charges against them.
type Defendant struct {
	Sex         string   `json:"sex"`
	Age         int      `json:"age,omitempty"`
	Nationality string   `json:"nationality,omitempty"`
	Role        string   `json:"role,omitempty"`
	Charges     []Charge `json:"charges"`
}

// Charge is one count against a defendant and its outcome. Instrument and
// Article, when given, link it to an article of national legislation held
// here ("NGA-TIPLEA-2015", "13").
type Charge struct {
	Legislation        string `json:"legislation"`
	Instrument         string `json:"instrument,omitempty"`
	Article            string `json:"article,omitempty"`
	Charge             string `json:"charge"`
	Verdict            string `json:"verdict"`
	ImprisonmentMonths *int   `json:"imprisonment_months,omitempty"`
	Fine               *Fine  `json:"fine,omitempty"`
	OtherMeasures      string `json:"other_measures,omitempty"`
}

// Months is the imprisonment in months, 0 when none is recorded.
func (ch Charge) Months() int {
	if ch.ImprisonmentMonths == nil {
		return 0
	}
	return *ch.ImprisonmentMonths
}

// Fine is an amount in minor units of an ISO 4217 currency.
type Fine struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// Victim is one victim, named by initials at most.
type Victim struct {
	Name        string `json:"name,omitempty"`
	Sex         string `json:"sex"`
	AgeGroup    string `json:"age_group"`
	Nationality string `json:"nationality,omitempty"`
}

// Keywords are the case's SHERLOC keywords by category.
type Keywords struct {
	Acts     []string `json:"acts,omitempty"`
	Means    []string `json:"means,omitempty"`
	Purposes []string `json:"purposes,omitempty"`
	Forms    []string `json:"forms,omitempty"`
	Sectors  []string `json:"sectors,omitempty"`
	Issues   []string `json:"issues,omitempty"`
}

// Of returns the keywords of category.
func (k *Keywords) Of(category string) []string { return *k.ref(category) }

func (k *Keywords) ref(category string) *[]string {
	switch category {
	case "acts":
		return &k.Acts
	case "means":
		return &k.Means
	case "purposes":
		return &k.Purposes
	case "forms":
		return &k.Forms
	case "sectors":
		return &k.Sectors
	case "issues":
		return &k.Issues
	}
	return new([]string)
}

// Set replaces the keywords of category.
func (k *Keywords) Set(category string, values []string) { *k.ref(category) = values }

// caseText is one of a case's free texts, by language, with its field
// name in the JSON form.
type caseText struct {
	Field string
	Texts map[string]string
}

// freeTexts are the case's texts kept per language, in the order the case
// page shows them: the summary first.
func (c *Case) freeTexts() []caseText {
	return []caseText{{"summary", c.Summary}, {"commentary", c.Commentary}, {"reasoning", c.Reasoning}, {"significant_features", c.Features}}
}

// Date is the decision date, or the zero time when unreadable.
func (c *Case) Date() time.Time {
	t, _ := time.Parse(time.DateOnly, c.DecisionDate)
	return t
}

var spaces = regexp.MustCompile(`\s+`)

// Normalise trims and canonicalises the case before validation: codes in
// upper or lower case as their lists spell them, lists sorted and without
// repeats, empty texts dropped.
func (c *Case) Normalise() {
	c.ID = strings.ToUpper(strings.TrimSpace(c.ID))
	c.Country = strings.ToUpper(strings.TrimSpace(c.Country))
	c.Court = spaces.ReplaceAllString(strings.TrimSpace(c.Court), " ")
	c.Title = spaces.ReplaceAllString(strings.TrimSpace(c.Title), " ")
	c.CaseNumber = strings.TrimSpace(c.CaseNumber)
	c.DecisionDate = strings.TrimSpace(c.DecisionDate)
	c.CrimeTypes = set(c.CrimeTypes)
	c.Languages = set(c.Languages)
	for _, t := range c.freeTexts() {
		m := t.Texts
		for k, v := range m {
			if v = strings.TrimSpace(v); v == "" {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
	}
	for i := range c.Defendants {
		d := &c.Defendants[i]
		d.Nationality = strings.ToUpper(strings.TrimSpace(d.Nationality))
		for j := range d.Charges {
			ch := &d.Charges[j]
			ch.Legislation, ch.Charge = strings.TrimSpace(ch.Legislation), strings.TrimSpace(ch.Charge)
			ch.Instrument, ch.Article = strings.ToUpper(strings.TrimSpace(ch.Instrument)), strings.TrimSpace(ch.Article)
			if ch.Fine != nil {
				ch.Fine.Currency = strings.ToUpper(strings.TrimSpace(ch.Fine.Currency))
			}
		}
	}
	for i := range c.Victims {
		c.Victims[i].Name = strings.TrimSpace(c.Victims[i].Name)
		c.Victims[i].Nationality = strings.ToUpper(strings.TrimSpace(c.Victims[i].Nationality))
	}
	for _, cat := range KeywordCategories {
		c.Keywords.Set(cat, set(c.Keywords.Of(cat)))
	}
	var src []string
	for _, s := range c.Sources {
		if s = strings.TrimSpace(s); s != "" {
			src = append(src, s)
		}
	}
	c.Sources = src
}

// set trims, sorts and de-duplicates a list of codes.
func set(in []string) []string {
	var out []string
	for _, v := range in {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Text returns the text of m in lang, else in English, else any.
func Text(m map[string]string, lang string) (string, string) {
	if t := m[lang]; t != "" {
		return t, lang
	}
	if t := m["en"]; t != "" {
		return t, "en"
	}
	for _, l := range web.LangCodes {
		if t := m[l]; t != "" {
			return t, l
		}
	}
	return "", ""
}
