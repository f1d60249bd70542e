package app_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/omnibus"
	"github.com/tipsom/tipsom/internal/web"
)

// rawKey finds a catalogue key printed instead of its text.
var rawKey = regexp.MustCompile(`\b(omnibus|err|flash|notify)\.[a-z_]+\.?[a-z_]*\b`)

// TestOmnibusPagesInSixLanguages renders every page of the self-assessment
// and review room on the demo, as the reader each is for, in the six
// languages: each answers 200 in its language and direction, names no
// catalogue key instead of text, and marks the demo's fictional records.
func TestOmnibusPagesInSixLanguages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		users := demoUsers(t, srv)
		om := srv.App.Rooms.Omnibus
		sys := auth.System("test")
		as, err := om.Assessments(t.Context(), sys)
		if err != nil || len(as) < 2 {
			t.Fatalf("the demo's assessments: %v %v", as, err)
		}
		cycles, err := om.Cycles(t.Context())
		if err != nil || len(cycles) != 1 {
			t.Fatalf("the demo's cycles: %v %v", cycles, err)
		}
		var isl, sen int64
		var reviewISL int64
		for _, a := range as {
			switch a.Country {
			case "ISL":
				isl = a.ID
			case "SEN":
				sen = a.ID
			}
		}
		for _, r := range cycles[0].Reviews {
			if r.Country == "ISL" {
				reviewISL = r.ID
			}
		}
		// The demo: Iceland half answered with two assistance needs, Senegal
		// submitted, the cycle in its feedback phase.
		g, err := om.Gaps(t.Context(), sys, "ISL", "tip-protocol")
		if err != nil || len(g.Needs) != 2 || g.Status != "draft" || !g.Demo {
			t.Errorf("Iceland's demo gaps: %+v %v", g, err)
		}
		if ph := cycles[0].PhaseOn(om.Today()); ph != omnibus.PhaseFeedback {
			t.Errorf("the demo cycle is in phase %s, want feedback", ph)
		}
		focal, analyst, reviewer := srv.SignIn(t, users["focal-point@demo.example.org"]), srv.SignIn(t, users["analyst@demo.example.org"]),
			srv.SignIn(t, users["reviewer@demo.example.org"])
		pages := []langPage{
			{apptest.Client(), "/omnibus", true},
			{apptest.Client(), "/omnibus/questionnaires/tip-protocol", false},
			{apptest.Client(), "/omnibus/cycles", true},
			{apptest.Client(), fmt.Sprintf("/omnibus/cycles/%d", cycles[0].ID), true},
			{focal, "/omnibus/assessments", true},
			{focal, fmt.Sprintf("/omnibus/assessments/%d", isl), true},
			{focal, fmt.Sprintf("/omnibus/assessments/%d/articles/6", isl), false},
			{focal, fmt.Sprintf("/omnibus/assessments/%d/gaps", isl), true},
			{focal, fmt.Sprintf("/omnibus/reviews/%d", reviewISL), true},
			{focal, "/countries/ISL", true},
			{reviewer, "/omnibus/reviews", false},
			{reviewer, fmt.Sprintf("/omnibus/assessments/%d/articles/10", sen), false},
			{analyst, "/omnibus/overview", true},
			{analyst, "/omnibus/compare?instrument=tip-protocol&a=ISL&b=SEN", false},
			{analyst, "/omnibus/cycles/new", false},
			{analyst, fmt.Sprintf("/omnibus/reviews/%d", reviewISL), true},
		}
		inSixLanguages(t, srv, pages, nil)
	})
}

// langPage is a page a test reads in every language: who reads it, and
// whether it shows fictional demo records (which it must then mark).
type langPage struct {
	c    *http.Client
	path string
	demo bool
}

// inSixLanguages reads each page in the six languages: each must answer
// 200 in its language and direction, show no catalogue key instead of
// text, and mark the demo's fictional records; check, when set, looks
// further at the page's main part.
func inSixLanguages(t *testing.T, srv *apptest.Server, pages []langPage, check func(where string, p langPage, main string)) {
	t.Helper()
	for _, lang := range web.Langs {
		for _, p := range pages {
			req, _ := http.NewRequest("GET", srv.URL+p.path, nil)
			req.AddCookie(&http.Cookie{Name: web.LangCookie, Value: lang.Code})
			res, err := p.c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body := apptest.ReadBody(t, res)
			where := p.path + " in " + lang.Code
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s: %d", where, res.StatusCode)
				continue
			}
			if !strings.Contains(body, fmt.Sprintf(`<html lang="%s" dir="%s"`, lang.Code, lang.Dir)) {
				t.Errorf("%s: not in its language and direction", where)
			}
			main := body[strings.Index(body, "<main"):]
			if k := rawKey.FindString(tags.ReplaceAllString(main, " ")); k != "" {
				t.Errorf("%s shows the key %s", where, k)
			}
			if p.demo && !strings.Contains(main, "data-demo") {
				t.Errorf("%s does not mark the fictional demo content", where)
			}
			if check != nil {
				check(where, p, main)
			}
		}
	}
}
