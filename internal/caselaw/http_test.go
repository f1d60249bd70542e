package caselaw_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
)

const frenchCase = `{"id":"FRA-2020-007","crime_types":["trafficking_in_persons"],"country":"FRA","court":"Cour d'appel de Paris",
"court_level":"appeal","decision_date":"2020-06-15","title":"Ministère public c. X.","languages":["fr"],
"summary":{"fr":"Les victimes ont été recrutées par tromperie au Nigéria et hébergées à Paris. Joindre le 06 12 34 56 78.","en":"The victims were recruited by deception in Nigeria and harboured in Paris."},
"defendants":[{"sex":"male","age":41,"nationality":"NGA","role":"recruiter","charges":[{"legislation":"Code pénal, art. 225-4-1","instrument":"FRA-CP","article":"225-4-1","charge":"Traite des êtres humains","verdict":"convicted","imprisonment_months":60}]}],
"victim_count":2,"victims":[{"name":"B.E.","sex":"female","age_group":"adult","nationality":"NGA"}],
"keywords":{"acts":["recruitment","harbouring"],"means":["deception"],"purposes":["sexual_exploitation"],"forms":["transnational"]}}`

// fixedFrenchCase is frenchCase without its phone number: it can be published.
var fixedFrenchCase = strings.Replace(frenchCase, " Joindre le 06 12 34 56 78.", "", 1)

// editorToken creates an editor and an API token of theirs.
func editorToken(t *testing.T, srv *apptest.Server) (apptest.User, string) {
	t.Helper()
	ed := srv.CreateUser(t, "editor@example.org", auth.RoleEditor)
	token, _, err := srv.App.Auth.CreateTokenFor(t.Context(), auth.System("test"), ed.Email, "t")
	if err != nil {
		t.Fatal(err)
	}
	return ed, token
}

// publishFrenchCase saves fixedFrenchCase through the API and publishes
// it: revision 1 of FRA-2020-007.
func publishFrenchCase(t *testing.T, srv *apptest.Server, token string) {
	t.Helper()
	if code, body := srv.APIText(t, "PUT", "/api/v1/caselaw/FRA-2020-007", token, fixedFrenchCase); code != 200 {
		t.Fatalf("save: %d %s", code, body)
	}
	if code, body := srv.APIText(t, "POST", "/api/v1/caselaw/FRA-2020-007/publish", token, `{"rev":1}`); code != 200 {
		t.Fatalf("publish: %d %s", code, body)
	}
}

type searchJSON struct {
	Total int `json:"total"`
	Hits  []struct {
		ID           string `json:"id"`
		Title        string `json:"title"`
		Country      string `json:"country"`
		DecisionDate string `json:"decision_date"`
		Snippet      string `json:"snippet"`
	} `json:"hits"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Count int    `json:"count"`
	} `json:"facets"`
}

func search(t *testing.T, srv *apptest.Server, query string) searchJSON {
	t.Helper()
	code, body := srv.APIText(t, "GET", "/api/v1/caselaw?"+query, "", "")
	if code != 200 {
		t.Fatalf("search %s: %d %s", query, code, body)
	}
	var out searchJSON
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAPI drives the JSON API on both engines: an editor saves a case whose
// summary holds a phone number, publication is refused until it is fixed;
// the search finds it by a French query without accents, its facets follow
// the query, every facet is a filter; legislation links from its charge.
func TestAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		_, token := editorToken(t, srv)
		code, body := srv.APIText(t, "PUT", "/api/v1/caselaw/FRA-2020-007", token, frenchCase)
		if code != 200 || !strings.Contains(body, `"kind": "phone"`) {
			t.Fatalf("save: %d %s", code, body)
		}
		if code, body = srv.APIText(t, "POST", "/api/v1/caselaw/FRA-2020-007/publish", token, `{"rev":1}`); code != 409 {
			t.Fatalf("publish with a phone number: %d %s", code, body)
		}
		if code, _ = srv.APIText(t, "GET", "/api/v1/caselaw/FRA-2020-007", "", ""); code != 404 {
			t.Fatalf("draft public: %d", code)
		}
		if code, body = srv.APIText(t, "PUT", "/api/v1/caselaw/FRA-2020-007", token, fixedFrenchCase); code != 200 || strings.Contains(body, "identifier_findings") {
			t.Fatalf("fix: %d %s", code, body)
		}
		if code, body = srv.APIText(t, "POST", "/api/v1/caselaw/FRA-2020-007/publish", token, `{"rev":2}`); code != 200 {
			t.Fatalf("publish: %d %s", code, body)
		}
		if code, body = srv.APIText(t, "GET", "/api/v1/caselaw/FRA-2020-007", "", ""); code != 200 || !strings.Contains(body, `"revision": 2`) {
			t.Fatalf("public case: %d %s", code, body)
		}
		r := search(t, srv, "q=recrutees+hebergees")
		if r.Total != 1 || r.Hits[0].ID != "FRA-2020-007" || !strings.Contains(r.Hits[0].Snippet, "<mark>") || r.Hits[0].DecisionDate != "2020-06-15" {
			t.Fatalf("accent-free French query: %+v", r)
		}
		if len(r.Facets["country"]) != 1 || r.Facets["country"][0].Value != "FRA" || r.Facets["region"][0].Value != "150" {
			t.Fatalf("facets: %+v", r.Facets)
		}
		all := search(t, srv, "")
		if all.Total != 1 {
			t.Fatalf("empty q: %+v", all)
		}
		for _, f := range []string{"crime_type=trafficking_in_persons", "country=FRA", "region=150", "year=2020", "court_level=appeal",
			"verdict=convicted", "acts=harbouring", "means=deception", "purposes=sexual_exploitation", "forms=transnational",
			"victim_sex=female", "victim_age_group=adult", "defendant_sex=male", "country=NGA&country=FRA", "year_from=2020&year_to=2020"} {
			if r := search(t, srv, f+"&q=paris"); r.Total != 1 {
				t.Errorf("filter %s: %d", f, r.Total)
			}
		}
		if r := search(t, srv, "purposes=forced_labour&q=paris"); r.Total != 0 || len(r.Facets["country"]) != 0 {
			t.Errorf("counts do not follow the filter: %+v", r)
		}
		for _, bad := range []string{"country=XXX", "year=later", "purposes=fun", "sort=random", "page=0"} {
			if code, _ := srv.APIText(t, "GET", "/api/v1/caselaw?"+bad, "", ""); code != 400 {
				t.Errorf("%s: %d, want 400", bad, code)
			}
		}
		leg := `{"country":"FRA","kind":"code","title":"Code pénal","year":1994,"language":"fr","articles":[{"number":"225-4-1","heading":"De la traite des êtres humains","texts":{"fr":"La traite des êtres humains est le fait de recruter une personne, de la transporter, de la transférer, de l'héberger ou de l'accueillir."},"implements":["tip-protocol:3","tip-protocol:5"]}],"amendments":[{"date":"2013-08-05","description":"Loi n° 2013-711"}]}`
		if code, body = srv.APIText(t, "PUT", "/api/v1/legislation/FRA-CP", token, leg); code != 200 {
			t.Fatalf("legislation: %d %s", code, body)
		}
		if code, body = srv.APIText(t, "GET", "/api/v1/legislation?q=transferer&implements=tip-protocol:5", "", ""); code != 200 || !strings.Contains(body, `"FRA-CP"`) {
			t.Fatalf("legislation search: %d %s", code, body)
		}
		c := apptest.Client()
		res := srv.Get(t, c, "/legislation/FRA-CP")
		if page := apptest.ReadBody(t, res); res.StatusCode != 200 || !strings.Contains(page, `href="/caselaw/FRA-2020-007"`) {
			t.Fatalf("the article does not list the case citing it: %d", res.StatusCode)
		}
		res = srv.Get(t, c, "/caselaw/FRA-2020-007")
		if page := apptest.ReadBody(t, res); !strings.Contains(page, `href="/legislation/FRA-CP#article-225-4-1"`) {
			t.Fatal("the charge does not link to its article")
		}
	})
}

// TestPages renders every page in the six languages, as the public and as
// an editor, and the profile section of a country.
func TestPages(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	ed, token := editorToken(t, srv)
	publishFrenchCase(t, srv, token)
	editor := srv.SignIn(t, ed)
	for _, lang := range []string{"en", "fr", "es", "ar", "ru", "zh"} {
		for _, c := range []*http.Client{apptest.Client(), editor} {
			srv.Get(t, c, "/lang/"+lang).Body.Close()
			for _, p := range []string{"/caselaw", "/caselaw?q=paris&country=FRA", "/caselaw/FRA-2020-007", "/caselaw/analysis",
				"/legislation", "/countries/FRA"} {
				res := srv.Get(t, c, p)
				body := apptest.ReadBody(t, res)
				if res.StatusCode != 200 || strings.Contains(body, "caselaw.") {
					i := max(0, strings.Index(body, "caselaw.")-80)
					t.Errorf("%s %s: %d or an untranslated key: %s", lang, p, res.StatusCode, body[i:min(len(body), i+160)])
				}
			}
		}
		for _, p := range []string{"/caselaw/new", "/caselaw/FRA-2020-007/edit", "/caselaw/drafts", "/caselaw/FRA-2020-007/history",
			"/caselaw/FRA-2020-007/revisions/1", "/legislation/new"} {
			res := srv.Get(t, editor, p)
			if body := apptest.ReadBody(t, res); res.StatusCode != 200 || strings.Contains(body, "caselaw.") {
				t.Errorf("%s %s as editor: %d", lang, p, res.StatusCode)
			}
		}
	}
	res := srv.Get(t, apptest.Client(), "/countries/FRA")
	if body := apptest.ReadBody(t, res); !strings.Contains(body, `id="caselaw"`) || !strings.Contains(body, "/caselaw/FRA-2020-007") {
		t.Fatal("the profile lacks the case law section")
	}
	// A focal point drafts through the form; a bad form names its fields.
	fp := srv.CreateUser(t, "fp@example.org", auth.RoleFocalPoint)
	c := srv.SignIn(t, fp)
	form := url.Values{"id": {"ISL-2021-001"}, "country": {"ISL"}, "crime_types": {"smuggling_of_migrants"}, "court": {"Héraðsdómur Reykjavíkur"},
		"court_level": {"first_instance"}, "decision_date": {"2021-03-04"}, "title": {"Ákæruvaldið gegn X"}, "languages": {"is"},
		"text_lang": {"en"}, "summary": {"Smuggling of migrants by sea."}, "victim_count": {"many"}}
	res = srv.Post(t, c, "/caselaw", form)
	if body := apptest.ReadBody(t, res); res.StatusCode != 422 || !strings.Contains(body, `id="f-victim_count-error"`) {
		t.Fatalf("bad form: %d", res.StatusCode)
	}
	form.Set("victim_count", "4")
	res = srv.Post(t, c, "/caselaw", form)
	res.Body.Close()
	if res.StatusCode != 303 || res.Header.Get("Location") != "/caselaw/ISL-2021-001" {
		t.Fatalf("form: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	form.Set("id", "FRA-2021-001")
	form.Set("country", "FRA")
	if res = srv.Post(t, c, "/caselaw", form); res.StatusCode != 403 {
		t.Fatalf("a focal point drafting for another country: %d", res.StatusCode)
	}
}
