package app_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
)

// TestTrustFundPagesInSixLanguages renders the Trust Fund's pages on the
// demo, as the reader each is for, in the six languages: each answers 200
// in its language and direction, shows no catalogue key instead of text,
// and marks the fictional records; the demo's proposals stand at every
// stage, and the dashboard names no individual who did not consent.
func TestTrustFundPagesInSixLanguages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		users := demoUsers(t, srv)
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
		pages := []langPage{
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
		inSixLanguages(t, srv, pages, func(where string, p langPage, main string) {
			if strings.Contains(main, "trustfund.") {
				t.Errorf("%s shows a trustfund key", where)
			}
			if p.c != fm && strings.Contains(main, "B. Private Person") { // the fund manager's audited books name them
				t.Errorf("%s names an individual donor who did not consent", where)
			}
		})
	})
}
