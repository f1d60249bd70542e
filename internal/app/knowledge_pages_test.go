package app_test

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/knowledge"
)

// TestKnowledgePagesInSixLanguages walks the Hub's pages and the one
// search, with the demo content, as the public, a partner and an editor,
// in the six languages: each in its language and direction, no raw key,
// the fictional content marked.
func TestKnowledgePagesInSixLanguages(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		users := demoUsers(t, srv)
		kh := srv.App.Rooms.Knowledge
		counts, err := kh.Counts(t.Context())
		if err != nil || counts["resource"] < 100 || counts["practice"] < 30 || counts["news"] < 10 {
			t.Fatalf("the demo library: %v %v", counts, err)
		}
		queue, err := kh.Queue(t.Context(), auth.System("test"))
		if err != nil || len(queue) == 0 {
			t.Fatalf("the demo queue: %d %v", len(queue), err)
		}
		latest, _ := kh.Latest(t.Context(), knowledge.KindPractice, 1)
		news, _ := kh.Latest(t.Context(), knowledge.KindNews, 1)
		res, _ := kh.Latest(t.Context(), knowledge.KindResource, 1)
		ed, ngo := srv.SignIn(t, users["editor@demo.example.org"]), srv.SignIn(t, users["ngo@demo.example.org"])
		pub := apptest.Client()
		pages := []langPage{
			{pub, "/", false},
			{pub, "/knowledge", true},
			{pub, "/knowledge/resources", true},
			{pub, "/knowledge/resources?topic=forced_labour&language=fr", true},
			{pub, "/knowledge/practices?evaluated=true", true},
			{pub, "/knowledge/news", true},
			{pub, latest[0].Path(), true},
			{pub, news[0].Path(), true},
			{pub, res[0].Path(), true},
			{pub, "/search?q=forced+labour", false},
			{pub, "/search?q=smugglng", false},
			{pub, "/countries/SEN", false},
			{ngo, "/knowledge/contribute?kind=practice", false},
			{ngo, "/knowledge/contributions", false},
			{ngo, fmt.Sprintf("/knowledge/contributions/%d", queue[0].ID), false},
			{ed, "/knowledge/contributions", false},
			{ed, "/knowledge/contribute?kind=event", false},
			{ed, fmt.Sprintf("/knowledge/contributions/%d", queue[0].ID), false},
		}
		inSixLanguages(t, srv, pages, func(where string, p langPage, main string) {
			if strings.Contains(main, "knowledge.") || strings.Contains(main, "search.kind") {
				t.Errorf("%s shows a knowledge key", where)
			}
		})
	})
}

// TestOneSearchAPIFeedsAndSitemap: the one search answers the shape the
// issue fixes, across rooms, with facets and a suggestion; every feed and
// sitemap is well-formed XML of its kind with absolute URLs of the
// configured site.
func TestOneSearchAPIFeedsAndSitemap(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		demoAccounts(t, srv)
		var found struct {
			Total int `json:"total"`
			Hits  []struct {
				Type, ID, Title, URL, Snippet, Date string
			} `json:"hits"`
			Facets map[string][]struct {
				Value string
				Count int
			} `json:"facets"`
			Suggestion string `json:"suggestion"`
		}
		getJSON(t, srv, "/api/v1/search?q=forced+labour", &found)
		kinds := map[string]int{}
		for _, f := range found.Facets["type"] {
			kinds[f.Value] = f.Count
		}
		if found.Total == 0 || kinds["case"] == 0 || kinds["resource"] == 0 || len(found.Facets["country"]) == 0 || len(found.Facets["language"]) == 0 {
			t.Fatalf("one search: %d found, kinds %v", found.Total, kinds)
		}
		for _, h := range found.Hits {
			if h.Type == "" || h.ID == "" || h.Title == "" || !strings.HasPrefix(h.URL, "/") {
				t.Errorf("a hit without its fields: %+v", h)
			}
		}
		getJSON(t, srv, "/api/v1/search?q=forced+labour&type=case&lang=es", &found)
		if found.Total == 0 || found.Total >= kinds["case"] {
			t.Errorf("cases in Spanish: %d of %d cases", found.Total, kinds["case"])
		}
		for _, h := range found.Hits {
			if h.Type != "case" {
				t.Errorf("type=case gave a %s", h.Type)
			}
		}
		getJSON(t, srv, "/api/v1/search?q=smugglng+by+sea", &found)
		if found.Total != 0 || !strings.HasPrefix(found.Suggestion, "smuggling") {
			t.Errorf("did you mean: %q (%d found)", found.Suggestion, found.Total)
		}
		res := srv.Get(t, apptest.Client(), "/api/v1/search?type=poem")
		if res.Body.Close(); res.StatusCode != http.StatusBadRequest {
			t.Errorf("an unknown type: %d", res.StatusCode)
		}

		base := srv.App.Config.BaseURL
		for _, feed := range []string{"news", "resources", "practices", "caselaw"} {
			res := srv.Get(t, apptest.Client(), "/feeds/"+feed+".atom")
			body := apptest.ReadBody(t, res)
			var f struct {
				XMLName xml.Name
				Entries []struct {
					ID      string `xml:"id"`
					Updated string `xml:"updated"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal([]byte(body), &f); err != nil || f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.XMLName.Local != "feed" {
				t.Errorf("%s feed: %v %v", feed, f.XMLName, err)
				continue
			}
			if len(f.Entries) == 0 || !strings.HasPrefix(f.Entries[0].ID, base+"/") || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/atom+xml") {
				t.Errorf("%s feed: %d entries, first %+v", feed, len(f.Entries), f.Entries)
			}
		}
		var idx struct {
			XMLName  xml.Name
			Sitemaps []struct {
				Loc string `xml:"loc"`
			} `xml:"sitemap"`
		}
		if err := xml.Unmarshal([]byte(apptest.ReadBody(t, srv.Get(t, apptest.Client(), "/sitemap.xml"))), &idx); err != nil ||
			idx.XMLName.Local != "sitemapindex" || idx.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || len(idx.Sitemaps) < 2 {
			t.Fatalf("sitemap index: %+v %v", idx, err)
		}
		urls := 0
		for _, s := range idx.Sitemaps {
			var set struct {
				XMLName xml.Name
				URLs    []struct {
					Loc string `xml:"loc"`
				} `xml:"url"`
			}
			path := strings.TrimPrefix(s.Loc, base)
			if err := xml.Unmarshal([]byte(apptest.ReadBody(t, srv.Get(t, apptest.Client(), path))), &set); err != nil || set.XMLName.Local != "urlset" {
				t.Errorf("%s: %v", s.Loc, err)
			}
			for _, u := range set.URLs {
				if !strings.HasPrefix(u.Loc, base+"/") {
					t.Errorf("%s lists %s", s.Loc, u.Loc)
				}
			}
			urls += len(set.URLs)
		}
		if urls < 300 {
			t.Errorf("the sitemaps list %d pages", urls)
		}
		// A forged Host is not where the feeds point.
		req, _ := http.NewRequest("GET", srv.URL+"/feeds/news.atom", nil)
		req.Host = "evil.example.com"
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if body := apptest.ReadBody(t, r); strings.Contains(body, "evil.example.com") {
			t.Error("the feed takes its links from the request's Host")
		}
	})
}

// TestKnowledgeNotices: a partner's contribution is a task of the editors;
// sent back, it tells the partner's organisation — not another — and
// becomes its task; accepted, it tells them again, and tells a user who
// follows one of its topics.
func TestKnowledgeNotices(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		users := map[string]apptest.User{
			"editor":   srv.CreateUser(t, "editor@hub.example.org", auth.RoleEditor),
			"partner":  srv.CreateUserIn(t, "partner@hub.example.org", "", "HUB-A", auth.RoleNGO),
			"other":    srv.CreateUserIn(t, "other@hub.example.org", "", "HUB-B", auth.RoleNGO),
			"follower": srv.CreateUserIn(t, "follower@hub.example.org", "ISL", "", auth.RoleFocalPoint),
		}
		c := map[string]*http.Client{}
		for k, u := range users {
			c[k] = apptest.Client()
			srv.Login(t, c[k], u)
		}
		res := srv.Post(t, c["follower"], "/knowledge/follow", url.Values{"topic": {"forced_marriage"}})
		if res.Body.Close(); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("follow: %d", res.StatusCode)
		}
		res = srv.Post(t, c["partner"], "/knowledge/contributions", url.Values{"kind": {"practice"}, "title_en": {"Village committees"},
			"what_en": {"Committees talk to families about forced marriage."}, "by": {"HUB-A"}, "countries": {"NPL"}, "topics": {"forced_marriage"}})
		item := location(t, res, "/knowledge/contributions/")
		if _, tasks := kindsOf(t, srv, c["editor"]); tasks["knowledge_moderate"] != 1 {
			t.Errorf("the editor's tasks: %v", tasks)
		}
		res = srv.Post(t, c["editor"], item+"/decide", url.Values{"decision": {"return"}, "reason": {"Give the results."}})
		res.Body.Close()
		if n, tasks := kindsOf(t, srv, c["partner"]); n["contribution_decided"] != 1 || tasks["knowledge_returned"] != 1 {
			t.Errorf("the partner after the return: notices %v, tasks %v", n, tasks)
		}
		if n, _ := kindsOf(t, srv, c["other"]); len(n) != 0 {
			t.Errorf("another organisation heard of it: %v", n)
		}
		if n, _ := kindsOf(t, srv, c["follower"]); n["followed_topic"] != 0 {
			t.Errorf("the follower heard of a contribution not published: %v", n)
		}
		res = srv.Post(t, c["partner"], item, url.Values{"kind": {"practice"}, "title_en": {"Village committees"},
			"what_en": {"Committees talk to families about forced marriage."}, "results_en": {"Forty marriages of children were prevented."},
			"by": {"HUB-A"}, "countries": {"NPL"}, "topics": {"forced_marriage"}})
		res.Body.Close()
		res = srv.Post(t, c["editor"], item+"/decide", url.Values{"decision": {"accept"}})
		if res.Body.Close(); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/knowledge/practices/") {
			t.Fatalf("accept: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if n, _ := kindsOf(t, srv, c["partner"]); n["contribution_decided"] != 2 {
			t.Errorf("the partner after acceptance: %v", n)
		}
		if n, _ := kindsOf(t, srv, c["follower"]); n["followed_topic"] != 1 {
			t.Errorf("the follower of forced marriage: %v", n)
		}
	})
}
