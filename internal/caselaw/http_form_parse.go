package caselaw

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/web"
)

// maxRows bounds the repeated rows a form may submit.
const maxRows = 100

// parseCaseForm reads the case form over base, the stored case (or an
// empty one): the texts are edited one language at a time (text_lang), so
// the other languages' texts are kept from base. Blank rows of defendants,
// charges and victims are dropped. Numbers that do not read as numbers
// become -1, which validation reports against their field.
func parseCaseForm(f url.Values, base Case) (c Case, textLang, note string) {
	textLang = f.Get("text_lang")
	if !slices.Contains(web.LangCodes, textLang) {
		textLang = "en"
	}
	c = Case{ID: f.Get("id"), Country: f.Get("country"), Court: f.Get("court"), CourtLevel: f.Get("court_level"),
		LegalSystem: f.Get("legal_system"), DecisionDate: f.Get("decision_date"), CaseNumber: f.Get("case_number"),
		Title: f.Get("title"), CrimeTypes: f["crime_types"], Languages: strings.FieldsFunc(strings.ToLower(f.Get("languages")), isListSep),
		VictimCount: number(f.Get("victim_count"))}
	for _, t := range []struct {
		name string
		dst  *map[string]string
		src  map[string]string
	}{{"summary", &c.Summary, base.Summary}, {"commentary", &c.Commentary, base.Commentary},
		{"reasoning", &c.Reasoning, base.Reasoning}, {"significant_features", &c.Features, base.Features}} {
		m := map[string]string{}
		for k, v := range t.src {
			m[k] = v
		}
		m[textLang] = f.Get(t.name)
		*t.dst = m
	}
	for i := 0; i < maxRows; i++ {
		p := fmt.Sprintf("defendants.%d.", i)
		d := Defendant{Sex: f.Get(p + "sex"), Age: number(f.Get(p + "age")), Nationality: f.Get(p + "nationality"), Role: f.Get(p + "role")}
		for j := 0; j < maxRows; j++ {
			q := fmt.Sprintf("%scharges.%d.", p, j)
			ch := Charge{Legislation: f.Get(q + "legislation"), Instrument: f.Get(q + "instrument"), Article: f.Get(q + "article"),
				Charge: f.Get(q + "charge"), Verdict: f.Get(q + "verdict"), OtherMeasures: f.Get(q + "other_measures")}
			if m := strings.TrimSpace(f.Get(q + "imprisonment_months")); m != "" {
				n := number(m)
				ch.ImprisonmentMonths = &n
			}
			if !blank(ch.Legislation, ch.Instrument, ch.Article, ch.Charge, ch.Verdict, ch.OtherMeasures) || ch.ImprisonmentMonths != nil {
				d.Charges = append(d.Charges, ch)
			}
		}
		if !blank(d.Sex, d.Nationality, d.Role) || d.Age != 0 || len(d.Charges) > 0 {
			c.Defendants = append(c.Defendants, d)
		}
		v := Victim{Name: f.Get(fmt.Sprintf("victims.%d.name", i)), Sex: f.Get(fmt.Sprintf("victims.%d.sex", i)),
			AgeGroup: f.Get(fmt.Sprintf("victims.%d.age_group", i)), Nationality: f.Get(fmt.Sprintf("victims.%d.nationality", i))}
		if !blank(v.Name, v.Sex, v.AgeGroup, v.Nationality) {
			c.Victims = append(c.Victims, v)
		}
	}
	for _, cat := range KeywordCategories {
		c.Keywords.Set(cat, f["keywords."+cat])
	}
	c.Sources = strings.Split(f.Get("sources"), "\n")
	return c, textLang, strings.TrimSpace(f.Get("note"))
}

func isListSep(r rune) bool { return r == ',' || r == ' ' || r == ';' }

func blank(ss ...string) bool {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// number reads a form number; "" is 0, anything unreadable -1.
func number(s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
