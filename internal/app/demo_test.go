package app_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/web"
)

// TestDemo loads the demo as `make run` does and checks it against the
// published files themselves: the treaty parties on a date, the World's
// detected victims of 2018 summed here from the GLOTIP file, the fictional
// case law, the report edition. A second load changes nothing.
func TestDemo(t *testing.T) {
	world2018 := worldDetectedVictims(t, 2018)
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		if _, err := srv.App.LoadDemo(t.Context()); err != nil {
			t.Fatalf("load demo: %v", err)
		}
		c := apptest.Client()

		var parties struct {
			Count int `json:"count"`
		}
		decodeJSON(t, srv.Get(t, c, "/api/v1/treaties/tip-protocol/parties?as_of=2012-02-29"), &parties)
		if parties.Count != 147 {
			t.Errorf("TIP Protocol parties on 2012-02-29: %d, want 147", parties.Count)
		}
		doc := page(t, srv, c, "/treaties")
		if !strings.Contains(doc, `id="status-recorded" data-recorded-on="2013-12-13"`) {
			t.Error("the treaty page does not say on which date the status is recorded")
		}
		if !regexp.MustCompile(`data-instrument="firearms-protocol">[^\n]*data-status="not-recorded"`).MatchString(doc) {
			t.Error("an instrument without status data is shown with a count of parties")
		}

		var agg struct {
			Rows []struct {
				Code  string `json:"code"`
				Value int    `json:"value"`
			} `json:"rows"`
		}
		decodeJSON(t, srv.Get(t, c, "/api/v1/stats/aggregate?indicator=detected_victims&year=2018&dimension=total&category=Total&sex=total&age=total"), &agg)
		got := -1
		for _, r := range agg.Rows {
			if r.Code == "world" {
				got = r.Value
			}
		}
		if got != world2018 {
			t.Errorf("World detected victims 2018: %d, the published file gives %d", got, world2018)
		}

		checkDemoCaselaw(t, srv, c)

		reports := page(t, srv, c, "/reports")
		if !strings.Contains(reports, `href="/reports/glotip-2023/"`) {
			t.Fatal("/reports lists no published demo edition")
		}
		for _, p := range []string{"/reports/glotip-2023/", "/reports/glotip-2023/fr/"} {
			if res := srv.Get(t, c, p); res.StatusCode != http.StatusOK {
				t.Errorf("%s: %d", p, res.StatusCode)
			} else {
				res.Body.Close()
			}
		}
		home := page(t, srv, c, "/")
		if !strings.Contains(home, `id="demo-banner"`) {
			t.Error("no demo banner")
		}
		if !strings.Contains(home, `href="/omnibus"`) {
			t.Error("the home page does not link the self-assessment and review")
		}
		if !strings.Contains(home, `href="/trustfund"`) {
			t.Error("the home page does not link the Trust Fund")
		}
		if !strings.Contains(home, `href="/knowledge"`) || !strings.Contains(home, `id="whats-new"`) {
			t.Error("the home page does not link the Knowledge Hub, or shows nothing new")
		}
		for _, coming := range []string{"/programmes", "/blue-heart", "/records"} {
			if strings.Contains(home, `href="`+coming+`"`) {
				t.Errorf("the home page links to %s, a room not built", coming)
			}
		}

		checkDemoTour(t, srv)

		before, err := audit.Verify(t.Context(), srv.App.DB)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := srv.App.LoadDemo(t.Context()); err != nil {
			t.Fatalf("load demo again: %v", err)
		}
		if after, _ := audit.Verify(t.Context(), srv.App.DB); after != before {
			t.Errorf("a second load wrote %d audit entries, want none", after-before)
		}
	}, func(c *app.Config) { c.Demo = true })
}

// checkDemoCaselaw reads every case of GET /api/v1/caselaw: at least 300,
// from at least 40 countries, each marked demo, with a summary in each of
// the six languages.
func checkDemoCaselaw(t *testing.T, srv *apptest.Server, c *http.Client) {
	t.Helper()
	countries := map[string]bool{}
	seen := 0
	for p := 1; ; p++ {
		var list struct {
			Total int `json:"total"`
			Pages int `json:"pages"`
			Hits  []struct {
				ID      string `json:"id"`
				Country string `json:"country"`
				Demo    bool   `json:"demo"`
			} `json:"hits"`
		}
		decodeJSON(t, srv.Get(t, c, fmt.Sprintf("/api/v1/caselaw?page=%d", p)), &list)
		if p == 1 && list.Total < 300 {
			t.Fatalf("%d cases, want at least 300", list.Total)
		}
		for _, h := range list.Hits {
			seen++
			countries[h.Country] = true
			if !h.Demo {
				t.Errorf("%s is listed without its demo mark", h.ID)
			}
			var cs struct {
				Demo    bool              `json:"demo"`
				Summary map[string]string `json:"summary"`
			}
			decodeJSON(t, srv.Get(t, c, "/api/v1/caselaw/"+h.ID), &cs)
			if !cs.Demo {
				t.Errorf("%s has no demo mark", h.ID)
			}
			for _, l := range web.LangCodes {
				if len(strings.Fields(cs.Summary[l])) < 10 && len([]rune(cs.Summary[l])) < 60 {
					t.Errorf("%s: no summary in %s", h.ID, l)
				}
			}
		}
		if p >= list.Pages {
			break
		}
	}
	if seen < 300 || len(countries) < 40 {
		t.Errorf("%d cases in %d countries, want at least 300 in 40", seen, len(countries))
	}
	first := page(t, srv, c, "/caselaw")
	m := regexp.MustCompile(`<h3><a href="(/caselaw/[A-Z0-9-]+)">[^<]*</a> <span class="badge demo-record" data-demo="true">`).FindStringSubmatch(first)
	if m == nil {
		t.Fatal("the case law page lists no marked demo case")
	}
	if !strings.Contains(page(t, srv, c, m[1]), `id="demo-record" data-demo="true"`) {
		t.Errorf("%s has no fictional-record mark", m[1])
	}
}

// page is the HTML of path, which must answer 200.
func page(t *testing.T, srv *apptest.Server, c *http.Client, path string) string {
	t.Helper()
	res := srv.Get(t, c, path)
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		t.Fatalf("%s: %d", path, res.StatusCode)
	}
	return apptest.ReadBody(t, res)
}

// worldDetectedVictims sums the published file's total detected victims of
// year over the countries of the M49 table, as a reader of the file would:
// "<5" is suppressed and counts nothing, a country given two different
// figures for the same cell counts nothing, the same figure twice counts once.
func worldDetectedVictims(t *testing.T, year int) int {
	t.Helper()
	m, err := os.Open("../../data/m49/all.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	recs, err := csv.NewReader(m).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	country := map[string]bool{}
	for _, r := range recs[1:] {
		country[r[2]] = true
	}
	f, err := excelize.OpenFile("../../data/glotip/data_glotip.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]map[string]bool{}
	for _, r := range rows[3:] {
		if len(r) < 12 || !country[r[0]] || r[4] != "Detected trafficking victims" || r[5] != "Total" || r[6] != "Total" ||
			r[7] != "Total" || r[8] != "Total" || r[9] != strconv.Itoa(year) {
			continue
		}
		if values[r[0]] == nil {
			values[r[0]] = map[string]bool{}
		}
		values[r[0]][strings.TrimSpace(r[11])] = true
	}
	sum := 0
	for _, vs := range values {
		if len(vs) != 1 {
			continue
		}
		for v := range vs {
			if n, err := strconv.Atoi(strings.ReplaceAll(v, ",", "")); err == nil {
				sum += n
			}
		}
	}
	if sum == 0 {
		t.Fatal("the published file gives no figure")
	}
	return sum
}

// checkDemoTour walks README's tour on the collection round: the focal
// point of Iceland answers the analyst's query; the analyst begins and
// validates Norway's submission. The database is fresh, so the demo's
// query is the first and Norway's submission the second.
func checkDemoTour(t *testing.T, srv *apptest.Server) {
	t.Helper()
	accounts := demoUsers(t, srv)
	step := func(c *http.Client, path string, form url.Values) {
		t.Helper()
		res := srv.Post(t, c, path, form)
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("POST %s: %d, want 303", path, res.StatusCode)
		}
	}
	focal := srv.SignIn(t, accounts["focal-point@demo.example.org"])
	if body := page(t, srv, focal, "/stats/collection/submissions/1"); !strings.Contains(body, "/stats/collection/queries/1/answer") {
		t.Error("Iceland's submission shows its focal point no query to answer")
	}
	var tasks struct {
		Tasks []struct{ Kind, URL string } `json:"tasks"`
	}
	decodeJSON(t, srv.Get(t, focal, "/api/v1/me/tasks"), &tasks)
	hasTask := func(kind, url string) bool {
		return slices.ContainsFunc(tasks.Tasks, func(x struct{ Kind, URL string }) bool { return x.Kind == kind && x.URL == url })
	}
	// The overdue self-assessment of the review cycle comes first; the
	// analyst's query waits beside it.
	if !hasTask("query_open", "/stats/collection/submissions/1#query-1") || !hasTask("omnibus_assessment", "/omnibus/assessments/1") {
		t.Errorf("the focal point's tasks before answering: %+v, want the analyst's query and the self-assessment", tasks.Tasks)
	}
	step(focal, "/stats/collection/queries/1/answer", url.Values{"answer": {"Yes: five persons were convicted at first instance in 2022; two appeals are pending."}})
	analyst := srv.SignIn(t, accounts["analyst@demo.example.org"])
	step(analyst, "/stats/collection/submissions/2/begin", nil)
	step(analyst, "/stats/collection/submissions/2/validate", nil)
}

// demoAccounts are the demo accounts with their passwords and TOTP secrets.
// demoUsers loads the demo and returns its accounts by e-mail address.
func demoUsers(t *testing.T, srv *apptest.Server) map[string]apptest.User {
	t.Helper()
	out := map[string]apptest.User{}
	for _, u := range demoAccounts(t, srv) {
		out[u.Email] = u
	}
	return out
}

func demoAccounts(t *testing.T, srv *apptest.Server) []apptest.User {
	t.Helper()
	accounts, err := srv.App.LoadDemo(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var out []apptest.User
	for _, a := range accounts {
		out = append(out, apptest.User{Email: a.Email, Password: a.Password, Secret: a.TOTPSecret})
	}
	return out
}
