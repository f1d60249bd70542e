package caselaw

import (
	"fmt"
	"regexp"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

var (
	// caseID is the stable id: the country's ISO3 code, the year and a
	// number or short code, e.g. NGA-2019-001.
	caseID       = regexp.MustCompile(`^[A-Z]{3}-[0-9]{4}-[A-Z0-9]{1,12}$`)
	languageCode = regexp.MustCompile(`^[a-z]{2}$`)
	currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)
)

// Limits on text lengths, in characters.
const (
	maxShort = 300
	maxTitle = 500
	maxText  = 50_000
)

// Validate checks the case — normalised first — and reports every problem
// against its field, named as in the JSON form with dots for nesting
// ("defendants.0.charges.1.verdict"). known says whether an ISO3 code names
// a country.
func (c *Case) Validate(known func(string) bool) error {
	e := errs.Invalid()
	switch {
	case c.ID == "":
		e.Field("id", "err.required")
	case !caseID.MatchString(c.ID):
		e.Field("id", "err.caselaw_id_format")
	case c.ID[:3] != c.Country && c.Country != "":
		e.Field("id", "err.caselaw_id_country", "Country", c.Country)
	}
	if len(c.CrimeTypes) == 0 {
		e.Field("crime_types", "err.required")
	}
	oneOf(e, "crime_types", c.CrimeTypes, CrimeTypes)
	switch {
	case c.Country == "":
		e.Field("country", "err.required")
	case !known(c.Country):
		e.Field("country", "err.caselaw_unknown_country", "Code", c.Country)
	}
	text(e, "court", c.Court, maxShort, true)
	text(e, "title", c.Title, maxTitle, true)
	text(e, "case_number", c.CaseNumber, maxShort, false)
	oneOf(e, "court_level", []string{c.CourtLevel}, CourtLevels)
	if c.LegalSystem != "" {
		oneOf(e, "legal_system", []string{c.LegalSystem}, LegalSystems)
	}
	if c.DecisionDate == "" {
		e.Field("decision_date", "err.required")
	} else if t, err := time.Parse(time.DateOnly, c.DecisionDate); err != nil || t.Year() < 1900 {
		e.Field("decision_date", "err.caselaw_date")
	}
	if len(c.Languages) == 0 {
		e.Field("languages", "err.required")
	}
	for _, l := range c.Languages {
		if !languageCode.MatchString(l) {
			e.Field("languages", "err.caselaw_language", "Code", l)
		}
	}
	if len(c.Summary) == 0 {
		e.Field("summary", "err.required")
	}
	for _, t := range c.freeTexts() {
		texts(e, t.Field, t.Texts)
	}
	c.validatePeople(e, known)
	for _, cat := range KeywordCategories {
		oneOf(e, "keywords."+cat, c.Keywords.Of(cat), keywordValues[cat])
	}
	for i, s := range c.Sources {
		text(e, fmt.Sprintf("sources.%d", i), s, 1000, false)
	}
	return e.OrNil()
}

// validatePeople checks defendants, their charges and victims.
func (c *Case) validatePeople(e *errs.Error, known func(string) bool) {
	for i, d := range c.Defendants {
		p := fmt.Sprintf("defendants.%d.", i)
		oneOf(e, p+"sex", []string{d.Sex}, Sexes)
		if d.Age < 0 || d.Age > 120 {
			e.Field(p+"age", "err.caselaw_age")
		}
		country(e, p+"nationality", d.Nationality, known)
		if d.Role != "" {
			oneOf(e, p+"role", []string{d.Role}, Roles)
		}
		for j, ch := range d.Charges {
			q := fmt.Sprintf("%scharges.%d.", p, j)
			text(e, q+"legislation", ch.Legislation, maxShort, false)
			text(e, q+"charge", ch.Charge, maxShort, true)
			oneOf(e, q+"verdict", []string{ch.Verdict}, Verdicts)
			if m := ch.ImprisonmentMonths; m != nil && (*m < 0 || *m > 1200) {
				e.Field(q+"imprisonment_months", "err.caselaw_months")
			}
			if f := ch.Fine; f != nil && (f.Amount < 0 || !currencyCode.MatchString(f.Currency)) {
				e.Field(q+"fine", "err.caselaw_fine")
			}
			if (ch.Instrument == "") != (ch.Article == "") {
				e.Field(q+"article", "err.caselaw_article_pair")
			}
			text(e, q+"other_measures", ch.OtherMeasures, maxShort, false)
		}
	}
	if c.VictimCount < 0 || c.VictimCount > 100_000 {
		e.Field("victim_count", "err.caselaw_victim_count")
	} else if c.VictimCount < len(c.Victims) {
		e.Field("victim_count", "err.caselaw_victim_count_list", "Count", len(c.Victims))
	}
	for i, v := range c.Victims {
		p := fmt.Sprintf("victims.%d.", i)
		oneOf(e, p+"sex", []string{v.Sex}, Sexes)
		oneOf(e, p+"age_group", []string{v.AgeGroup}, AgeGroups)
		country(e, p+"nationality", v.Nationality, known)
		text(e, p+"name", v.Name, 100, false)
	}
}

func oneOf(e *errs.Error, field string, values, allowed []string) {
	for _, v := range values {
		if v == "" {
			e.Field(field, "err.required")
			return
		}
		if !slices.Contains(allowed, v) {
			e.Field(field, "err.caselaw_unknown_value", "Value", v)
			return
		}
	}
}

func text(e *errs.Error, field, v string, max int, required bool) {
	if e.Text(field, v, required, max) && !utf8.ValidString(v) {
		e.Field(field, "err.caselaw_encoding")
	}
}

func texts(e *errs.Error, field string, m map[string]string) {
	for lang, v := range m {
		if !slices.Contains(web.LangCodes, lang) {
			e.Field(field+"."+lang, "err.caselaw_text_language", "Code", lang)
			continue
		}
		text(e, field+"."+lang, v, maxText, false)
	}
}

func country(e *errs.Error, field, code string, known func(string) bool) {
	if code != "" && !known(code) {
		e.Field(field, "err.caselaw_unknown_country", "Code", code)
	}
}
