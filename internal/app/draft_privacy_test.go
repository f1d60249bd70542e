package app_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/caselaw"
	"github.com/tipsom/tipsom/internal/engagement"
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/knowledge"
	"github.com/tipsom/tipsom/internal/omnibus"
	"github.com/tipsom/tipsom/internal/trustfund"
	"github.com/tipsom/tipsom/internal/web"
)

// draftMarker is in every text of the draft revision and in no published
// text; each field adds its own name after it ("zqdraft-title"), so a leak
// says which field went out, and a page that only repeats the words
// searched for (q=zqdraft) is not taken for one.
const draftMarker = "zqdraft"

var (
	leaked = regexp.MustCompile(draftMarker + `(-[a-z]+)+`)
	// tags are HTML tags, escaped or not, which a snippet puts inside
	// words (<mark>zqdraft</mark>-title).
	tags = regexp.MustCompile(`<[^>]*>|\\u003c.*?\\u003e|&lt;.*?&gt;`)
)

// publishedCase is the first, published, revision of the case the test
// drafts over: it cites an article of Iceland's penal code.
func publishedCase() caselaw.Case {
	months := 36
	charge := caselaw.Charge{Legislation: "General Penal Code, art. 227a", Instrument: "ISL-HGL-1940", Article: "227a",
		Charge: "Trafficking in persons", Verdict: "convicted", ImprisonmentMonths: &months}
	return caselaw.Case{ID: "ISL-2019-001", CrimeTypes: []string{"trafficking_in_persons"}, Country: "ISL",
		Court: "Reykjanes District Court", CourtLevel: "first_instance", DecisionDate: "2019-05-02",
		Title: "The Prosecution Authority v. X.", Languages: []string{"en"},
		Summary:     map[string]string{"en": "Two women were recruited by deception and exploited in a restaurant."},
		Defendants:  []caselaw.Defendant{{Sex: "male", Age: 40, Role: "exploiter", Charges: []caselaw.Charge{charge}}},
		VictimCount: 2, Victims: []caselaw.Victim{{Sex: "female", AgeGroup: "adult"}},
		Keywords: caselaw.Keywords{Acts: []string{"recruitment"}, Means: []string{"deception"}, Purposes: []string{"forced_labour"}}}
}

// markedDraft is the same case with the marker in every text it carries.
func markedDraft() caselaw.Case {
	c := publishedCase()
	m := func(field string) string { return draftMarker + "-" + field }
	c.Title = "The Prosecution Authority v. " + m("title")
	c.Court = "Reykjanes " + m("court")
	c.CaseNumber = m("casenumber")
	c.Languages = []string{"en", "fr"}
	c.Summary = map[string]string{"en": "Recruited by deception, " + m("summary-en"), "fr": "Recrutées par tromperie, " + m("summary-fr")}
	c.Commentary = map[string]string{"en": m("commentary"), "fr": m("commentary-fr")}
	c.Reasoning = map[string]string{"en": m("reasoning")}
	c.Features = map[string]string{"en": m("features")}
	ch := &c.Defendants[0].Charges[0]
	ch.Legislation, ch.Charge, ch.OtherMeasures = "General Penal Code "+m("legislation"), m("charge"), m("measures")
	c.Victims[0].Name = m("victim")
	c.Sources = []string{"https://example.org/" + m("source")}
	return c
}

// publicValues fill the wildcards of public routes for this test: the
// case and its draft's file, its country and the legislation it cites.
// Keys are "wildcard" or "path prefix|wildcard" (the longer wins); a public
// route with a wildcard not listed fails the test, so a room that adds one
// says what it takes.
func publicValues(ref, fileID string) map[string]string {
	return map[string]string{
		"case": ref, "iso3": "ISL", "code": "fr", "slug": "icat", "edition": "2024", "path": "index.html",
		"/caselaw/|id": fileID, "/legislation/|instrument": "ISL-HGL-1940", "/api/v1/legislation/|instrument": "ISL-HGL-1940",
		"/treaties/|instrument": "tip-protocol", "/api/v1/treaties/|instrument": "tip-protocol",
		"/groupings/|id": "1", "/api/v1/groupings/|id": "1", "/bodies/documents/|id": "1",
	}
}

// fill puts values in path's wildcards, or reports the first it cannot fill.
func fill(path string, values map[string]string) (string, string) {
	if path == "/" { // the catch-all: any page that does not exist
		return "/no-such-page", ""
	}
	missing := ""
	path = strings.ReplaceAll(path, "{$}", "")
	out := wildcard.ReplaceAllStringFunc(path, func(w string) string {
		name := wildcard.FindStringSubmatch(w)[1]
		best, v := -1, ""
		for key, val := range values {
			prefix, n, ok := strings.Cut(key, "|")
			if !ok {
				prefix, n = "", key
			}
			if n == name && strings.HasPrefix(path, prefix) && len(prefix) > best {
				best, v = len(prefix), val
			}
		}
		if best < 0 && missing == "" {
			missing = name
		}
		return v
	})
	if strings.HasSuffix(out, "/") && out != "/" {
		out += "x"
	}
	return out, missing
}

// TestNoPublicRouteShowsADraft: a case is published, then its country's
// focal point saves a new draft revision carrying the marker in every text
// — title, court, case number, summaries, commentary, reasoning, features,
// charges and the legislation they cite, victims' initials, sources — and
// attaches a judgment naming it. Every public GET route, in two languages,
// plain and searching for the marker, as anonymous and as another
// country's focal point, must show none of it.
func TestNoPublicRouteShowsADraft(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		ed, fp, other := apptest.Client(), apptest.Client(), apptest.Client()
		srv.Login(t, ed, srv.CreateUserWithTOTP(t, "editor@drafts.example.org", auth.RoleEditor))
		srv.Login(t, fp, srv.CreateUserIn(t, "fp-isl@drafts.example.org", "ISL", "", auth.RoleFocalPoint))
		srv.Login(t, other, srv.CreateUserIn(t, "fp-ken@drafts.example.org", "KEN", "", auth.RoleFocalPoint))

		law := caselaw.Instrument{ID: "ISL-HGL-1940", Country: "ISL", Kind: "code", Title: "General Penal Code", Year: 1940, Language: "en",
			Articles: []caselaw.Article{{Number: "227a", Heading: "Trafficking in persons", Texts: map[string]string{"en": "Whoever recruits…"}}}}
		sendJSON(t, srv, ed, "PUT", "/api/v1/legislation/ISL-HGL-1940", law, http.StatusOK)
		pub := publishedCase()
		sendJSON(t, srv, ed, "PUT", "/api/v1/caselaw/"+pub.ID, pub, http.StatusOK)
		sendJSON(t, srv, ed, "POST", "/api/v1/caselaw/"+pub.ID+"/publish", map[string]int{"rev": 1}, http.StatusOK)

		sendJSON(t, srv, fp, "PUT", "/api/v1/caselaw/"+pub.ID, markedDraft(), http.StatusOK)
		ctype, form := multipartFile(t, "file", "judgment.pdf", intake.TextPDF("Judgment", draftMarker+"-file"))
		if code, body := send(t, srv, fp, "POST", "/caselaw/"+pub.ID+"/files", ctype, form); code != http.StatusSeeOther {
			t.Fatalf("attach to the draft: %d %s", code, body)
		}
		// The drafters see the draft, so the markers are really stored.
		var seen caselaw.CaseJSON
		if err := json.Unmarshal([]byte(sendJSON(t, srv, fp, "GET", "/api/v1/caselaw/"+pub.ID, nil, http.StatusOK)), &seen); err != nil {
			t.Fatal(err)
		}
		if seen.Revision != 2 || seen.Title != markedDraft().Title || len(seen.Attachments) != 1 {
			t.Fatalf("the focal point's own view of the draft: %+v", seen)
		}
		values := publicValues(pub.ID, strconv.FormatInt(seen.Attachments[0].ID, 10))
		for k, v := range omnibusDrafts(t, srv, fp) {
			values[k] = v
		}
		for k, v := range trustfundDrafts(t, srv) {
			values[k] = v
		}
		for k, v := range knowledgeDrafts(t, srv) {
			values[k] = v
		}
		for k, v := range blueHeartDrafts(t, srv) {
			values[k] = v
		}

		readers := map[string]*http.Client{"anonymous": apptest.Client(), "KEN focal point": other}
		// The pages that show the case show its published title, so the
		// walk reads where the draft would be.
		shows := map[string]bool{"/countries/ISL": false, "/api/v1/countries/ISL": false, "/caselaw/" + pub.ID: false,
			"/api/v1/caselaw/" + pub.ID: false, "/caselaw": false, "/api/v1/caselaw": false}
		walked := 0
		for _, rt := range srv.App.Router.Routes() {
			pol, ok := rt.Guard.(auth.Policy)
			if !ok || !pol.IsPublic() || (rt.Method != "" && rt.Method != http.MethodGet) {
				continue
			}
			path, missing := fill(rt.Path, values)
			if missing != "" {
				t.Errorf("%s: no value for {%s}: add it to publicValues", rt.Pattern, missing)
				continue
			}
			walked++
			for who, c := range readers {
				for _, lang := range []string{"en", "fr"} {
					for _, q := range []string{"", "?q=" + draftMarker} {
						res := do(t, srv, c, http.MethodGet, path+q, "", nil, http.Header{"Accept-Language": {lang}})
						body := tags.ReplaceAllString(strings.ToLower(apptest.ReadBody(t, res)+res.Header.Get("Location")), "")
						if _, ok := shows[path]; ok && q == "" && strings.Contains(body, strings.ToLower(pub.Title)) {
							shows[path] = true
						}
						if res.StatusCode >= 500 {
							t.Errorf("GET %s%s as %s (%s): %d", path, q, who, lang, res.StatusCode)
						}
						if found := leaked.FindAllString(body, -1); len(found) > 0 {
							slices.Sort(found)
							t.Errorf("GET %s%s as %s (%s): %d shows the draft: %v", path, q, who, lang, res.StatusCode, slices.Compact(found))
						}
					}
				}
			}
		}
		if walked < 20 {
			t.Fatalf("only %d public GET routes walked", walked)
		}
		for p, ok := range shows {
			if !ok {
				t.Errorf("GET %s does not show the published case's title", p)
			}
		}
	})
}

// omnibusDrafts gives the review mechanism its unpublished texts carrying
// the marker: Iceland's draft self-assessment (a text answer), a review of
// Iceland with an expert's comment and observation not yet sent; and
// returns the public wildcards' values that name them (the questionnaire,
// the cycle, the review whose summary is not published).
func omnibusDrafts(t *testing.T, srv *apptest.Server, fp *http.Client) map[string]string {
	t.Helper()
	ctx := t.Context()
	om := srv.App.Rooms.Omnibus
	loadTreaties(t, srv)
	res := srv.Post(t, fp, "/omnibus/assessments", url.Values{"questionnaire": {"tip-protocol"}})
	assessment := location(t, res, "/omnibus/assessments/")
	res = srv.Post(t, fp, assessment+"/articles/13", url.Values{"q.tip-13-1": {"yes"}, "q.tip-13-4": {draftMarker + "-answer"}})
	if res.Body.Close(); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer article 13: %d", res.StatusCode)
	}
	sys := auth.System("drafts")
	c, err := om.CommitDraw(ctx, sys, omnibus.DrawRequest{Instrument: "tip-protocol", Cycle: "Drafts", Seed: 3, UnderReview: []string{"ISL"}})
	if err != nil {
		t.Fatal(err)
	}
	review := c.Reviews[0].ID
	u := srv.CreateUser(t, "expert@drafts.example.org", auth.RoleReviewer)
	if _, err := om.Assign(ctx, sys, review, u.Email, omnibus.MemberExpert); err != nil {
		t.Fatal(err)
	}
	expert := &auth.Principal{UserID: u.ID, Roles: []auth.Role{auth.RoleReviewer}}
	if _, err := om.AddObservation(ctx, expert, review, omnibus.ObsGap, "13", draftMarker+"-observation"); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"/omnibus/questionnaires/|id": "tip-protocol", "/api/v1/omnibus/questionnaires/|id": "tip-protocol",
		"/omnibus/cycles/|id": strconv.FormatInt(c.ID, 10), "/api/v1/omnibus/cycles/|id": strconv.FormatInt(c.ID, 10),
		"/omnibus/reviews/|id": strconv.FormatInt(review, 10)}
}

// trustfundDrafts gives the Trust Fund a proposal that is not public — a
// draft carrying the marker in its title and summary — beside a funded
// one, and returns the public wildcards' value: the call they answer.
func trustfundDrafts(t *testing.T, srv *apptest.Server) map[string]string {
	t.Helper()
	ctx := t.Context()
	tf := srv.App.Rooms.Trustfund
	sys := auth.System("drafts")
	by := principalOf(t, srv, srv.CreateUserIn(t, "ngo@drafts.example.org", "", "DRAFT-NGO", auth.RoleNGO).Email)
	if _, err := tf.SaveOrg(ctx, by, trustfund.Org{Name: "Draft NGO", Country: "ISL", RegistrationNumber: "1", AssistingSince: 2015}); err != nil {
		t.Fatal(err)
	}
	c, err := tf.OpenCall(ctx, sys, trustfund.Call{Title: "Call", OpensAt: time.Now().Add(-time.Hour), ClosesAt: time.Now().Add(time.Hour),
		TimeZone: "UTC", MinMinor: 100, MaxMinor: 2500000, MaxMonths: 12})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tf.CreateProposal(ctx, by, c.ID, trustfund.Proposal{Title: draftMarker + "-proposal", Summary: draftMarker + "-summary"}); err != nil {
		t.Fatal(err)
	}
	if _, err := tf.Pledge(ctx, trustfund.ContributionInput{DonorName: draftMarker + "-donor", Email: "d@example.org", Amount: "10", Currency: "USD"}); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"/trustfund/calls/|id": strconv.FormatInt(c.ID, 10)}
}

// knowledgeDrafts gives the Knowledge Hub a partner's resource waiting for
// an editor, whose title, summary and PDF carry the marker, a good
// practice sent back with a reason carrying it, and a news item published
// then withdrawn; and returns the public wildcards' values that name them.
func knowledgeDrafts(t *testing.T, srv *apptest.Server) map[string]string {
	t.Helper()
	ctx := t.Context()
	kh := srv.App.Rooms.Knowledge
	sys := auth.System("drafts")
	by := principalOf(t, srv, srv.CreateUserIn(t, "partner@drafts.example.org", "", "DRAFT-PARTNER", auth.RoleNGO).Email)
	res, err := kh.Create(ctx, by, knowledge.KindResource, knowledge.Content{Title: web.Texts{"en": draftMarker + "-resource"},
		Summary: web.Texts{"fr": draftMarker + "-summary"}, Type: "tool", Publisher: draftMarker + "-publisher", Year: 2024, Topics: []string{"tip"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kh.Attach(ctx, by, res.ID, "draft.pdf", intake.TextPDF("Draft", draftMarker+"-file")); err != nil {
		t.Fatal(err)
	}
	gp, err := kh.Create(ctx, by, knowledge.KindPractice, knowledge.Content{Title: web.Texts{"en": draftMarker + "-practice"},
		What: web.Texts{"en": draftMarker + "-what"}, By: "Partner", Countries: []string{"ISL"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kh.Decide(ctx, sys, gp.ID, knowledge.DecisionReturn, draftMarker+"-reason", nil); err != nil {
		t.Fatal(err)
	}
	news, err := kh.Create(ctx, sys, knowledge.KindNews, knowledge.Content{Title: web.Texts{"en": draftMarker + "-news"},
		Summary: web.Texts{"en": draftMarker + "-text"}, Date: "2026-11-30"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kh.Decide(ctx, sys, news.ID, knowledge.DecisionWithdraw, "withdrawn", nil); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"/knowledge/resources/|id": strconv.FormatInt(res.ID, 10), "/knowledge/practices/|id": strconv.FormatInt(gp.ID, 10),
		"/knowledge/news/|id": strconv.FormatInt(news.ID, 10), "/api/v1/knowledge/|kind": "resources",
		"/feeds/|name": "resources.atom", "/sitemaps/|name": "documents-1.xml"}
}

// blueHeartDrafts lists an adopter with campaign material and records a
// campaign, for the public routes' values, and leaves Iceland's
// application waiting for a decision, its texts and its evidence marked:
// a waiting application is no one's to see but its applicant's and the
// staff's.
func blueHeartDrafts(t *testing.T, srv *apptest.Server) map[string]string {
	t.Helper()
	ctx := t.Context()
	bh := srv.App.Rooms.Engagement
	sys := auth.System("drafts")
	a, err := bh.Apply(ctx, sys, engagement.Input{Kind: engagement.KindState, Country: "KEN", Name: "Blue Heart Kenya", AdoptOn: "2026-01-01",
		Evidence: map[string]string{"coordination": "Committee"}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := bh.Attach(ctx, sys, a.ID, "", "leaflet.pdf", intake.TextPDF("Leaflet"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := bh.Decide(ctx, sys, a.ID, engagement.Decision{Approve: true, Reason: "Met",
		Accept: []string{"party", "criminalization", "action_plan", "coordination"}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := bh.CreateCampaign(ctx, sys, engagement.CampaignInput{Title: "Campaign", Audience: "general_public", Countries: []string{"ISL"},
		StartsOn: "2025-01-01", EndsOn: "2025-02-01", Messages: "Not for sale."})
	if err != nil {
		t.Fatal(err)
	}
	m := func(field string) string { return draftMarker + "-" + field }
	p, err := bh.Apply(ctx, sys, engagement.Input{Kind: engagement.KindState, Country: "ISL", Name: m("blueheart"), AdoptOn: "2027-01-01",
		Scope: m("scope"), Links: []string{"https://example.org/" + m("link")}, Evidence: map[string]string{"coordination": m("evidence")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bh.Attach(ctx, sys, p.ID, "", m("material")+".pdf", intake.TextPDF("Draft material")); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"/blueheart/adopters/|id": strconv.FormatInt(d.Adopter.ID, 10), "/blueheart/adopters/|file": strconv.FormatInt(f.ID, 10),
		"/blueheart/campaigns/|id": strconv.FormatInt(c.ID, 10)}
}
