package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

// TestTrustFundPagesInSixLanguages renders the Trust Fund's pages on the
// demo, as the reader each is for, in the six languages: each answers 200
// in its language and direction, shows no catalogue key instead of text,
// and marks the fictional records; the demo's proposals stand at every
// stage, and the dashboard names no individual who did not consent.
func TestTrustFundPagesInSixLanguages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		users := map[string]apptest.User{}
		for _, u := range demoAccounts(t, srv) {
			users[u.Email] = u
		}
		tf := srv.App.Rooms.Trustfund
		sys := auth.System("test")
		rows, err := tf.Proposals(t.Context(), sys, 0)
		if err != nil {
			t.Fatal(err)
		}
		stages := map[string]bool{}
		for _, r := range rows {
			stages[r.Status] = true
		}
		for _, s := range []string{"submitted", "eligible", "ineligible", "approved", "rejected", "reserve"} {
			if !stages[s] {
				t.Errorf("no demo proposal is %s", s)
			}
		}
		grants, err := tf.Grants(t.Context(), sys)
		if err != nil || len(grants) < 3 {
			t.Fatalf("demo grants: %d %v", len(grants), err)
		}
		fm, ngo := srv.SignIn(t, users["fund-manager@demo.example.org"]), srv.SignIn(t, users["ngo@demo.example.org"])
		trustee, reviewer := srv.SignIn(t, users["trustee@demo.example.org"]), srv.SignIn(t, users["reviewer@demo.example.org"])
		pages := []struct {
			c    *http.Client
			path string
			demo bool
		}{
			{apptest.Client(), "/trustfund", true},
			{apptest.Client(), "/trustfund/give", false},
			{apptest.Client(), "/trustfund/calls", true},
			{apptest.Client(), "/trustfund/calls/1", true},
			{fm, "/trustfund/manage", false},
			{fm, "/trustfund/proposals", true},
			{fm, fmt.Sprintf("/trustfund/proposals/%d", rows[0].ID), true},
			{fm, fmt.Sprintf("/trustfund/grants/%d", grants[0].G.ID), true},
			{ngo, "/trustfund/org", false},
			{ngo, "/trustfund/proposals", false},
			{ngo, "/trustfund/calls/2", true},
			{trustee, "/trustfund/proposals", true},
			{reviewer, "/trustfund/proposals", true},
		}
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
				if strings.Contains(main, "trustfund.") {
					t.Errorf("%s shows a trustfund key", where)
				}
				if p.demo && !strings.Contains(main, "data-demo") {
					t.Errorf("%s does not mark the fictional demo content", where)
				}
				if p.c != fm && strings.Contains(main, "B. Private Person") { // the fund manager's audited books name them
					t.Errorf("%s names an individual donor who did not consent", where)
				}
			}
		}
	})
}
