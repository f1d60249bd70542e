package knowledge

import (
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

func TestValidateNamesTheField(t *testing.T) {
	known := func(iso string) bool { return iso == "KEN" || iso == "SEN" }
	now := time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	resource := func(f func(c *Content)) Content {
		c := Content{Title: web.Texts{"fr": " Guide "}, Type: "tool", Publisher: "UNODC", Year: 2020}
		f(&c)
		return c
	}
	cases := []struct {
		name  string
		kind  Kind
		c     Content
		field string
		key   string
	}{
		{"no title", KindResource, resource(func(c *Content) { c.Title = web.Texts{"en": "  "} }), "title_en", "err.knowledge_title_required"},
		{"unknown type", KindResource, resource(func(c *Content) { c.Type = "poster" }), "type", "err.knowledge_type_required"},
		{"year from the future", KindResource, resource(func(c *Content) { c.Year = 2031 }), "year", "err.knowledge_year_invalid"},
		{"unknown topic", KindResource, resource(func(c *Content) { c.Topics = []string{"tip", "weather"} }), "topics", "err.knowledge_topic_unknown"},
		{"unknown country", KindResource, resource(func(c *Content) { c.Countries = []string{"ken", "XXX"} }), "countries", "err.knowledge_country_unknown"},
		{"javascript link", KindResource, resource(func(c *Content) { c.Link = "javascript:alert(1)" }), "link", "err.knowledge_link_invalid"},
		{"long title", KindResource, resource(func(c *Content) { c.Title = web.Texts{"ar": strings.Repeat("ت", maxTitle+1)} }), "title_ar", "err.knowledge_too_long"},
		{"language code", KindResource, resource(func(c *Content) { c.Languages = []string{"English"} }), "languages", "err.knowledge_language_invalid"},
		{"practice without what", KindPractice, Content{Title: web.Texts{"en": "P"}, By: "NGO", Countries: []string{"KEN"}}, "what_en", "err.knowledge_what_required"},
		{"evaluated without method", KindPractice, Content{Title: web.Texts{"en": "P"}, What: web.Texts{"en": "W"}, By: "NGO",
			Countries: []string{"KEN"}, Evaluated: true}, "method", "err.knowledge_method_required"},
		{"news without date", KindNews, Content{Title: web.Texts{"en": "N"}, Summary: web.Texts{"en": "T"}, Date: "4/12/2026"}, "date", "err.knowledge_date_invalid"},
		{"event ends first", KindEvent, Content{Title: web.Texts{"en": "E"}, Starts: "2027-02-10", Ends: "2027-02-09", Place: "Vienna"}, "ends", "err.knowledge_ends_before"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.c.Validate(tc.kind, known, now)
			if got := errs.FieldKeys(err)[tc.field]; got != tc.key {
				t.Errorf("field %s: %q, want %q (all: %v)", tc.field, got, tc.key, errs.FieldKeys(err))
			}
		})
	}
	ok := resource(func(c *Content) {
		c.Countries = []string{"sen", "KEN", "SEN"}
		c.Topics = []string{"tip", "prevention"}
	})
	if err := ok.Validate(KindResource, known, now); err != nil {
		t.Fatal(err)
	}
	if ok.Title["fr"] != "Guide" || strings.Join(ok.Countries, ",") != "KEN,SEN" || strings.Join(ok.Topics, ",") != "prevention,tip" {
		t.Errorf("not cleaned: %+v", ok)
	}
	gp := Content{Title: web.Texts{"en": "P"}, What: web.Texts{"en": "W"}, By: "NGO", Countries: []string{"KEN"}, Method: "survey"}
	if err := gp.Validate(KindPractice, known, now); err != nil || !gp.Evaluated {
		t.Errorf("a practice with a method of evaluation is evaluated: %v %v", gp.Evaluated, err)
	}
}

func TestParseBrowseAndFind(t *testing.T) {
	known := func(iso string) bool { return iso == "KEN" }
	b, err := ParseBrowse(KindResource, map[string][]string{"topic": {"tip", "tip", ""}, "country": {"ken"}, "page": {"2"}}, known)
	if err != nil || len(b.Filters["topic"]) != 1 || b.Filters["country"][0] != "KEN" || b.Page != 2 {
		t.Fatalf("%+v %v", b, err)
	}
	for _, bad := range []map[string][]string{{"topic": {"weather"}}, {"country": {"XXX"}}, {"page": {"0"}}, {"sort": {"random"}},
		{"q": {strings.Repeat("a", 501)}}} {
		if _, err := ParseBrowse(KindResource, bad, known); errs.As(err) == nil || errs.As(err).Key != "err.bad_parameter" {
			t.Errorf("%v: %v, want a bad parameter", bad, err)
		}
	}
	if _, err := ParseFind(map[string][]string{"type": {"case", "poem"}}, []string{"case"}, known); errs.FieldKeys(err)["type"] != "err.knowledge_bad_filter" {
		t.Errorf("an unknown type: %v", err)
	}
	f, err := ParseFind(map[string][]string{"q": {" labour "}, "lang": {"fr"}, "country": {"ken"}}, []string{"case"}, known)
	if err != nil || f.Text != "labour" || f.Country[0] != "KEN" || f.Query().Get("lang") != "fr" {
		t.Errorf("%+v %v", f, err)
	}
}
