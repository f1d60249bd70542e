package app_test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
)

// TestFollowedSearch: a signed-in reader follows a case law search; a day
// later the new published cases that match it (and only those) make one
// notice linking to the search. The public reads the same search as an
// Atom feed.
func TestFollowedSearch(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		ctx := t.Context()
		editor := srv.CreateUser(t, "editor@follow.example.org", auth.RoleEditor)
		reader := srv.CreateUserIn(t, "reader@follow.example.org", "", "", auth.RoleNGO)
		ce, cr := apptest.Client(), apptest.Client()
		srv.Login(t, ce, editor)
		srv.Login(t, cr, reader)
		publish := func(iso3, number string) {
			c := smuggling(iso3, number, "State v. "+number)
			sendJSON(t, srv, ce, "PUT", "/api/v1/caselaw/"+c.ID, c, http.StatusOK)
			sendJSON(t, srv, ce, "POST", "/api/v1/caselaw/"+c.ID+"/publish", map[string]int{"rev": 1}, http.StatusOK)
		}
		publish("ISL", "201")
		page := apptest.ReadBody(t, srv.Get(t, cr, "/caselaw?country=ISL"))
		if !strings.Contains(page, `id="follow-search"`) || !strings.Contains(page, `href="/caselaw/feed.atom?country=ISL"`) {
			t.Errorf("the search page offers no follow button or feed link")
		}
		res := srv.Post(t, cr, "/caselaw/follow", url.Values{"query": {"country=ISL&sort=date"}})
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "country=ISL") {
			t.Fatalf("follow: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		publish("ISL", "202")
		publish("KEN", "203")
		cases := srv.App.Rooms.Caselaw
		// Checked daily: not within the day it was followed.
		if evs, err := cases.Due(ctx, time.Now()); err != nil || len(evs) != 0 {
			t.Fatalf("same day: %d events, %v", len(evs), err)
		}
		evs, err := cases.Due(ctx, time.Now().Add(25*time.Hour))
		if err != nil || len(evs) != 1 {
			t.Fatalf("next day: %d events, %v", len(evs), err)
		}
		if evs[0].Params["Number"] != "1" || evs[0].URL != "/caselaw?country=ISL" {
			t.Errorf("event %+v: want 1 new case, linking to the search", evs[0])
		}
		for _, ev := range evs {
			srv.App.Rooms.Notify.Emit(ctx, ev)
		}
		if n, _ := kindsOf(t, srv, cr); n["followed_search"] != 1 {
			t.Errorf("reader's notices %v", n)
		}
		if evs, _ := cases.Due(ctx, time.Now().Add(50*time.Hour)); len(evs) != 0 {
			t.Errorf("nothing new, yet %d events", len(evs))
		}

		res = srv.Get(t, apptest.Client(), "/caselaw/feed.atom?country=ISL")
		if ct := res.Header.Get("Content-Type"); res.StatusCode != http.StatusOK || !strings.HasPrefix(ct, "application/atom+xml") {
			t.Fatalf("feed: %d %s", res.StatusCode, ct)
		}
		var feed struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			Entries []struct {
				ID   string `xml:"id"`
				Link struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(apptest.ReadBody(t, res)), &feed); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, en := range feed.Entries {
			got = append(got, en.Link.Href[strings.LastIndex(en.Link.Href, "/")+1:])
		}
		if strings.Join(got, ",") != "ISL-2021-201,ISL-2021-202" && strings.Join(got, ",") != "ISL-2021-202,ISL-2021-201" {
			t.Errorf("feed entries %v, want the two ISL cases", got)
		}
		if res := srv.Get(t, apptest.Client(), "/caselaw/feed.atom?country=ZZZ"); res.StatusCode != http.StatusBadRequest {
			t.Errorf("feed of a bad search: %d, want 400", res.StatusCode)
		}
	})
}
