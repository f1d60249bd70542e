package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/engagement"
)

// blueKey finds a Blue Heart catalogue key printed instead of its text.
var blueKey = regexp.MustCompile(`\bblueheart\.[a-z_]+(\.[a-z_]+)?\b`)

// demoBlueHeart loads the demo and returns its accounts by e-mail and the
// waiting application (Senegal's).
func demoBlueHeart(t *testing.T, srv *apptest.Server) (map[string]apptest.User, *engagement.Application) {
	t.Helper()
	users := demoUsers(t, srv)
	as, err := srv.App.Rooms.Engagement.Applications(t.Context(), auth.System("test"))
	if err != nil {
		t.Fatal(err)
	}
	var pending *engagement.Application
	for _, a := range as {
		if a.Pending() {
			if pending != nil {
				t.Fatalf("two demo applications wait: %s and %s", pending.Name, a.Name)
			}
			pending = a
		}
	}
	if pending == nil {
		t.Fatal("no demo application waits for a decision")
	}
	return users, pending
}

// TestBlueHeartPagesInSixLanguages renders the Blue Heart room's pages on
// the demo, as the reader each is for, in the six languages: each answers
// 200 in its language and direction, shows no catalogue key instead of
// text, and marks the fictional records. The demo holds adopters of every
// kind, a State's application with its criteria partly met, two evaluated
// campaigns and one that is not.
func TestBlueHeartPagesInSixLanguages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		users, pending := demoBlueHeart(t, srv)
		ctx := t.Context()
		bh := srv.App.Rooms.Engagement
		ads, err := bh.Adopters(ctx)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[engagement.Kind]int{}
		for _, a := range ads {
			kinds[a.Kind]++
		}
		if kinds[engagement.KindState] < 6 || kinds[engagement.KindBusiness] < 4 || kinds[engagement.KindCSO] < 4 {
			t.Errorf("demo adopters by kind: %v", kinds)
		}
		met := 0
		for _, c := range pending.Checks {
			if c.Status == engagement.Met {
				met++
			}
		}
		if pending.Kind != engagement.KindState || met == 0 || met == len(pending.Checks) {
			t.Errorf("the waiting application (%s) has %d of %d criteria met, want some", pending.Kind, met, len(pending.Checks))
		}
		cs, err := bh.Campaigns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		evaluated := 0
		for _, c := range cs {
			if c.Evaluated() {
				evaluated++
			}
		}
		if evaluated != 2 || len(cs) != 3 {
			t.Errorf("demo campaigns: %d, %d evaluated", len(cs), evaluated)
		}
		focal, editor, ngo := srv.SignIn(t, users["focal-point@demo.example.org"]), srv.SignIn(t, users["editor@demo.example.org"]),
			srv.SignIn(t, users["ngo@demo.example.org"])
		anon := apptest.Client()
		pages := []langPage{
			{anon, "/blueheart", true},
			{anon, fmt.Sprintf("/blueheart/adopters/%d", ads[0].ID), true},
			{anon, "/blueheart/campaigns", true},
			{anon, fmt.Sprintf("/blueheart/campaigns/%d", cs[0].ID), true},
			{anon, "/countries/MEX", true},
			{focal, "/blueheart/apply", false},
			{focal, "/blueheart/applications", false},
			{ngo, "/blueheart/apply?kind=business", false},
			{ngo, "/blueheart/apply?kind=cso", false},
			{editor, "/blueheart", true},
			{editor, "/blueheart/applications", true},
			{editor, fmt.Sprintf("/blueheart/applications/%d", pending.ID), true},
			{editor, "/blueheart/campaigns", true},
			{editor, fmt.Sprintf("/blueheart/campaigns/%d", cs[0].ID), true},
		}
		inSixLanguages(t, srv, pages, func(where string, p langPage, main string) {
			if k := blueKey.FindString(tags.ReplaceAllString(main, " ")); k != "" {
				t.Errorf("%s shows the key %s", where, k)
			}
		})
	})
}

// TestBlueHeartFlow is the flow through the pages: Iceland's focal
// point sees the terms as they stand, applies with evidence for what the
// records do not show, and sees its criteria; the editor approves,
// accepting the evidence; the public map and list show Iceland, the API
// lists it, and the focal point is told.
func TestBlueHeartFlow(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		users, _ := demoBlueHeart(t, srv)
		focal, editor := srv.SignIn(t, users["focal-point@demo.example.org"]), srv.SignIn(t, users["editor@demo.example.org"])
		criterion := regexp.MustCompile(`<li data-criterion="([a-z_]+)" data-status="([a-z_]+)"`)
		checks := func(body string) map[string]string {
			i := strings.Index(body, `id="bluecriteria"`)
			if i < 0 {
				t.Fatal("no #bluecriteria")
			}
			out := map[string]string{}
			for _, m := range criterion.FindAllStringSubmatch(body[i:i+strings.Index(body[i:], "</ul>")], -1) {
				out[m[1]] = m[2]
			}
			return out
		}
		before := checks(apptest.ReadBody(t, srv.Get(t, focal, "/blueheart/apply")))
		if before["party"] != "met" || before["action_plan"] != "not_met" || before["coordination"] != "needs_evidence" {
			t.Errorf("Iceland's terms before applying: %v", before)
		}
		res := srv.Post(t, focal, "/blueheart/apply", url.Values{"kind": {"state"}, "name": {"Blue Heart Iceland"}, "adopt_on": {"2027-01-11"},
			"evidence.criminalization": {"General Penal Code, article 227 a"}, "evidence.action_plan": {"Action plan 2025-2028"},
			"evidence.coordination": {"The national steering group"}, "links": {"https://example.org/blue-heart-iceland"}})
		app := location(t, res, "/blueheart/applications/")
		got := checks(apptest.ReadBody(t, srv.Get(t, focal, app)))
		if got["party"] != "met" || got["criminalization"] != "needs_evidence" || got["coordination"] != "needs_evidence" {
			t.Errorf("Iceland's stored criteria: %v", got)
		}
		page := apptest.ReadBody(t, srv.Get(t, editor, app))
		if !strings.Contains(page, `id="bluedecide"`) {
			t.Fatal("the editor has no form#bluedecide")
		}
		if strings.Contains(apptest.ReadBody(t, srv.Get(t, focal, app)), `id="bluedecide"`) {
			t.Error("the applicant is offered the decision")
		}
		res = srv.Post(t, editor, app+"/decide", url.Values{"decision": {"approve"}, "reason": {"Terms met."},
			"accept": {"criminalization", "action_plan", "coordination"}})
		location(t, res, app)
		if !strings.Contains(apptest.ReadBody(t, srv.Get(t, apptest.Client(), "/")), `href="/blueheart"`) {
			t.Error("the home page does not link the Blue Heart")
		}
		home := apptest.ReadBody(t, srv.Get(t, apptest.Client(), "/blueheart"))
		if !strings.Contains(home, `id="bluemap"`) || !strings.Contains(home, `<tr data-country="ISL"`) {
			t.Error("the public map and list do not show Iceland")
		}
		var list []engagement.AdopterJSON
		getJSON(t, srv, "/api/v1/blueheart/adopters", &list)
		found := false
		for _, a := range list {
			found = found || (a.Country == "ISL" && a.Kind == engagement.KindState && !a.Demo)
		}
		if !found {
			t.Error("the API does not list Iceland")
		}
		var hits struct {
			Hits []struct{ Type, Title, URL string } `json:"hits"`
		}
		getJSON(t, srv, "/api/v1/search?q=Blue+Heart+Iceland&type=adopter", &hits)
		if len(hits.Hits) != 1 || hits.Hits[0].Title != "Blue Heart Iceland" || !strings.HasPrefix(hits.Hits[0].URL, "/blueheart/adopters/") {
			t.Errorf("the one search on the new adopter: %+v", hits.Hits)
		}
		getJSON(t, srv, "/api/v1/search?q=smuggler&type=campaign", &hits)
		if len(hits.Hits) == 0 || !strings.HasPrefix(hits.Hits[0].URL, "/blueheart/campaigns/") {
			t.Errorf("the one search on the demo campaigns: %+v", hits.Hits)
		}
		p, _, err := srv.App.Rooms.Notify.Notices(t.Context(), principalOf(t, srv, "focal-point@demo.example.org"), false)
		if err != nil {
			t.Fatal(err)
		}
		told := false
		for _, n := range p {
			told = told || n.Kind == "blueheart_decided"
		}
		if !told {
			t.Error("the focal point was not told of the decision")
		}
	})
}

func principalOf(t *testing.T, srv *apptest.Server, email string) *auth.Principal {
	t.Helper()
	u, err := srv.App.Auth.UserByEmail(t.Context(), auth.System("test"), email)
	if err != nil {
		t.Fatal(err)
	}
	return &auth.Principal{UserID: u.ID, Roles: u.Roles, Country: u.Country, OrgID: u.OrgID}
}

// TestBlueHeartPendingNeverPublic: the demo's waiting application is on
// no public page, list, profile or API, and its page refuses the public
// and the other applicants; a suspended adopter leaves the map, the list
// and the API.
func TestBlueHeartPendingNeverPublic(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		users, pending := demoBlueHeart(t, srv)
		anon := apptest.Client()
		for _, path := range []string{"/blueheart", "/blueheart/campaigns", "/api/v1/blueheart/adopters", "/api/v1/blueheart/campaigns",
			"/countries/" + pending.Country, "/api/v1/countries/" + pending.Country} {
			body := apptest.ReadBody(t, srv.Get(t, anon, path))
			jsonName, _ := json.Marshal(pending.Name)
			if strings.Contains(body, pending.Name) || strings.Contains(body, strings.Trim(string(jsonName), `"`)) ||
				strings.Contains(body, fmt.Sprintf("/blueheart/applications/%d", pending.ID)) {
				t.Errorf("%s shows the waiting application", path)
			}
		}
		appPath := fmt.Sprintf("/blueheart/applications/%d", pending.ID)
		if res := srv.Get(t, anon, appPath); res.Body.Close() != nil || (res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusUnauthorized) {
			t.Errorf("anonymous reads the waiting application: %d", res.StatusCode)
		}
		for _, email := range []string{"focal-point@demo.example.org", "ngo@demo.example.org"} {
			if res := srv.Get(t, srv.SignIn(t, users[email]), appPath); res.Body.Close() != nil || res.StatusCode != http.StatusForbidden {
				t.Errorf("%s reads another's waiting application: %d", email, res.StatusCode)
			}
		}
		bh := srv.App.Rooms.Engagement
		ads, err := bh.Adopters(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var mex *engagement.Adopter
		for _, a := range ads {
			if a.Country == "MEX" && a.Kind == engagement.KindState {
				mex = a
			}
		}
		if mex == nil {
			t.Fatal("no demo adopter of Mexico")
		}
		editor := srv.SignIn(t, users["editor@demo.example.org"])
		res := srv.Post(t, editor, fmt.Sprintf("/blueheart/adopters/%d/suspend", mex.ID), url.Values{"reason": {"Misuse of the symbol."}})
		location(t, res, fmt.Sprintf("/blueheart/adopters/%d", mex.ID))
		if strings.Contains(apptest.ReadBody(t, srv.Get(t, anon, "/blueheart")), `<tr data-country="MEX" data-kind="state"`) {
			t.Error("the suspended State is still on the public list")
		}
		var list []engagement.AdopterJSON
		getJSON(t, srv, "/api/v1/blueheart/adopters", &list)
		for _, a := range list {
			if a.ID == mex.ID {
				t.Error("the API still lists the suspended State")
			}
		}
		if res := srv.Get(t, anon, fmt.Sprintf("/blueheart/adopters/%d", mex.ID)); res.Body.Close() != nil || res.StatusCode != http.StatusNotFound {
			t.Errorf("the public reads the suspended adopter: %d", res.StatusCode)
		}
	})
}
