package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/url"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/authorities"
	"github.com/tipsom/tipsom/internal/intake"
)

// scopeRule says what a path wildcard names on the routes under prefix
// (the longest prefix wins): kinds of object each owner holds (objects),
// a fixed value within one (value), or something no country or
// organisation owns (shared: why), whose routes are not tried as another
// owner's — but read, when sample names real values of it, for the
// owners' private objects, as the lists are.
// Every wildcard of a route open to focal points or NGOs must have a rule:
// the matrix fails on one it cannot fill, so a room that adds such a
// route says here what its ids name.
type scopeRule struct {
	prefix, wildcard string
	objects          []string
	value            string
	shared           string
	sample           string // a kind of makeOwners' samples, for a shared wildcard
}

var scopeRules = []scopeRule{
	{prefix: "/caselaw/{case}", wildcard: "case", objects: []string{"case", "published case"}},
	{prefix: "/caselaw/{case}/files/{id}", wildcard: "id", objects: []string{"file"}},
	{prefix: "/api/v1/caselaw/{case}", wildcard: "case", objects: []string{"case", "published case"}},
	{prefix: "/stats/collection/submissions/{id}", wildcard: "id", objects: []string{"submission"}},
	{prefix: "/stats/collection/submissions/{id}/versions/{version}", wildcard: "version", value: "1"},
	{prefix: "/api/v1/stats/submissions/{id}", wildcard: "id", objects: []string{"submission"}},
	{prefix: "/api/v1/stats/submissions/{id}/versions/{version}", wildcard: "version", value: "1"},
	{prefix: "/stats/collection/queries/{id}", wildcard: "id", objects: []string{"query"}},
	{prefix: "/countries/{iso3}/authorities", wildcard: "iso3", objects: []string{"country"}},
	{prefix: "/countries/{iso3}/authorities/{id}", wildcard: "id", objects: []string{"authority"}},
	{prefix: "/api/v1/countries/{iso3}/authorities", wildcard: "iso3", objects: []string{"country"}},
	{prefix: "/api/v1/authorities/{id}", wildcard: "id", objects: []string{"authority"}},
	{prefix: "/api/v1/tokens/{id}", wildcard: "id", objects: []string{"token"}},
	{prefix: "/account/tokens/{id}", wildcard: "id", objects: []string{"token"}},
	{prefix: "/notices/{id}", wildcard: "id", objects: []string{"notice"}},
	{prefix: "/omnibus/assessments/{id}", wildcard: "id", objects: []string{"assessment"}},
	{prefix: "/omnibus/assessments/{id}/articles/{article}", wildcard: "article", value: "5"},
	{prefix: "/omnibus/assessments/{id}/files/{file}", wildcard: "file", objects: []string{"assessment file"}},
	{prefix: "/api/v1/omnibus/assessments/{iso3}", wildcard: "iso3", objects: []string{"country"}},
	{prefix: "/api/v1/omnibus/assessments/{iso3}/{instrument}", wildcard: "instrument", value: "tip-protocol"},
	{prefix: "/omnibus/reviews/{id}", wildcard: "id", objects: []string{"review"}},
	{prefix: "/omnibus/reviews/{id}/observations/{obs}", wildcard: "obs", value: "1"},
	{prefix: "/trustfund/proposals/{id}", wildcard: "id", objects: []string{"proposal"}},
	{prefix: "/trustfund/proposals/{id}/files/{file}", wildcard: "file", objects: []string{"proposal file"}},
	{prefix: "/trustfund/grants/{id}", wildcard: "id", objects: []string{"grant"}},
	{prefix: "/api/v1/me/notices/{id}", wildcard: "id", objects: []string{"notice"}},
	{prefix: "/knowledge/contributions/{id}", wildcard: "id", objects: []string{"contribution"}},
	{prefix: "/knowledge/resources/{id}", wildcard: "id", shared: "a published resource's page: public, not found before", sample: "resource"},
	{prefix: "/knowledge/practices/{id}", wildcard: "id", shared: "a published practice's page: public, not found before", sample: "practice"},
	{prefix: "/knowledge/news/{id}", wildcard: "id", shared: "news and events are the editors' own, public once published", sample: "news"},
	{prefix: "/blueheart/applications/{id}", wildcard: "id", objects: []string{"blueheart application"}},
	{prefix: "/blueheart/applications/{id}/files/{file}", wildcard: "file", objects: []string{"blueheart file"}},

	{prefix: "/countries/{iso3}", wildcard: "iso3", shared: "a country's public profile", sample: "country"},
	{prefix: "/api/v1/countries/{iso3}", wildcard: "iso3", shared: "a country's public profile", sample: "country"},
	{prefix: "/stats/collection/rounds/{id}", wildcard: "id", shared: "a round is every country's; each sees and starts only its own submission in it",
		sample: "round"},
	{prefix: "/api/v1/stats/rounds/{id}", wildcard: "id", shared: "a round is every country's", sample: "round"},
	{prefix: "/legislation/{instrument}", wildcard: "instrument", shared: "national legislation: public, changed by editors only"},
	{prefix: "/api/v1/legislation/{instrument}", wildcard: "instrument", shared: "national legislation"},
	{prefix: "/treaties/{instrument}", wildcard: "instrument", shared: "treaties: public reference data"},
	{prefix: "/api/v1/treaties/{instrument}", wildcard: "instrument", shared: "treaties"},
	{prefix: "/groupings/{id}", wildcard: "id", shared: "groupings of countries: public reference data"},
	{prefix: "/api/v1/groupings/{id}", wildcard: "id", shared: "groupings of countries"},
	{prefix: "/bodies/", wildcard: "slug", shared: "coordination bodies: public, changed by editors only"},
	{prefix: "/bodies/documents/{id}", wildcard: "id", shared: "coordination bodies' documents: public"},
	{prefix: "/api/v1/bodies/{slug}", wildcard: "slug", shared: "coordination bodies"},
	{prefix: "/reports/{edition}", wildcard: "edition", shared: "Global Report editions: public once published, analysts' before"},
	{prefix: "/reports/{edition}/", wildcard: "path", shared: "Global Report editions"},
	{prefix: "/api/v1/reports/{edition}", wildcard: "edition", shared: "Global Report editions"},
	{prefix: "/lang/{code}", wildcard: "code", shared: "a language of the interface"},
	{prefix: "/omnibus/questionnaires/{id}", wildcard: "id", shared: "questionnaires: public files of the repository"},
	{prefix: "/api/v1/omnibus/questionnaires/{id}", wildcard: "id", shared: "questionnaires"},
	{prefix: "/omnibus/cycles/{id}", wildcard: "id", shared: "review cycles and their draws are public", sample: "cycle"},
	{prefix: "/api/v1/omnibus/cycles/{id}", wildcard: "id", shared: "review cycles", sample: "cycle"},
	{prefix: "/omnibus/reviews/{id}/summary", wildcard: "id", shared: "a review's summary: public once published, not found before"},
	{prefix: "/api/v1/knowledge/{kind}", wildcard: "kind", shared: "the Hub's public lists", sample: "hub list"},
	{prefix: "/feeds/{name}", wildcard: "name", shared: "the public feeds", sample: "feed"},
	{prefix: "/sitemaps/{name}", wildcard: "name", shared: "the public sitemaps", sample: "sitemap"},
	{prefix: "/trustfund/calls/{id}", wildcard: "id", shared: "calls for proposals are public; an NGO applies to them with its own proposal", sample: "call"},
	{prefix: "/blueheart/adopters/{id}", wildcard: "id", shared: "Blue Heart adopters are public once listed; only the staff change them"},
	{prefix: "/blueheart/adopters/{id}/material/{file}", wildcard: "file", shared: "a listed adopter's campaign material is public"},
	{prefix: "/blueheart/campaigns/{id}", wildcard: "id", shared: "awareness campaigns are public; only the staff record them"},
}

// ruleFor returns the rule of wildcard name on a route's path, if any.
func ruleFor(path, name string) (scopeRule, bool) {
	var best scopeRule
	found := false
	for _, r := range scopeRules {
		if r.wildcard == name && strings.HasPrefix(path, r.prefix) && (!found || len(r.prefix) > len(best.prefix)) {
			best, found = r, true
		}
	}
	return best, found
}

// scopeBody is what a request of the matrix sends to pattern: a body that
// passes validation where one would otherwise stop the request before the
// object's scope is checked — the victim's own case rewritten, a real file,
// a complete directory entry — and else an empty form or JSON object.
func scopeBody(t *testing.T, pattern string, victim *owner) (string, io.Reader) {
	t.Helper()
	entry := authorities.Input{Details: authorities.Details{Function: authorities.Functions()[0], Name: "Rewritten by another country"}}
	form := func(v url.Values) (string, io.Reader) {
		return "application/x-www-form-urlencoded", strings.NewReader(v.Encode())
	}
	switch pattern {
	case "PUT /api/v1/caselaw/{case}":
		c := victim.draft
		c.ID, c.Title = "", "Rewritten by another country" // the path names the case
		b, _ := json.Marshal(c)
		return "application/json", bytes.NewReader(b)
	case "POST /caselaw/{case}":
		return form(url.Values{"title": {"Rewritten by another country"}, "note": {"scope matrix"}})
	case "POST /caselaw/{case}/files":
		ctype, b := multipartFile(t, "file", "judgment.pdf", intake.TextPDF("Rewritten by another country"))
		return ctype, b
	case "POST /stats/collection/submissions/{id}/upload":
		ctype, b := multipartFile(t, "file", "figures.csv", []byte("iso3,indicator,year,value\nKEN,detected_victims,2022,9\n"))
		return ctype, b
	case "PUT /api/v1/stats/submissions/{id}/draft":
		b, _ := json.Marshal(map[string]any{"cells": []map[string]any{{"indicator": scopeCell.Indicator, "year": scopeCell.Year,
			"dimension": scopeCell.Dimension, "category": scopeCell.Category, "sex": scopeCell.Sex, "age": scopeCell.Age, "value": "99"}}})
		return "application/json", bytes.NewReader(b)
	case "POST /stats/collection/queries/{id}/answer":
		return form(url.Values{"answer": {"Rewritten by another country"}})
	case "POST /countries/{iso3}/authorities", "POST /countries/{iso3}/authorities/{id}":
		return form(url.Values{"function": {entry.Function}, "name": {entry.Name}})
	case "POST /api/v1/countries/{iso3}/authorities", "PUT /api/v1/authorities/{id}":
		b, _ := json.Marshal(entry)
		return "application/json", bytes.NewReader(b)
	}
	if strings.HasPrefix(pattern[strings.Index(pattern, " ")+1:], "/api/") {
		return "application/json", strings.NewReader("{}")
	}
	return form(url.Values{})
}
