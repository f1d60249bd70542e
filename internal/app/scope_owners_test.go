package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/data"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/authorities"
	"github.com/tipsom/tipsom/internal/caselaw"
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/knowledge"
	"github.com/tipsom/tipsom/internal/omnibus"
	"github.com/tipsom/tipsom/internal/stats/collection"
	"github.com/tipsom/tipsom/internal/trustfund"
	"github.com/tipsom/tipsom/internal/web"
)

// owner is a user whose objects the others try to reach: a focal point of
// a country or an NGO user of an organisation, signed in with a second
// factor, so that only the object's scope can refuse them.
type owner struct {
	name    string // "focal point of ISL"
	role    auth.Role
	user    apptest.User
	client  *http.Client
	objects map[string][]string // object kind → its path values
	draft   caselaw.Case        // the case law draft, for bodies that rewrite it
	// private match what only the owner may see of its objects — the
	// draft's reference and title, links to its submissions and files,
	// its token — which no list shown to another owner may hold.
	private []*regexp.Regexp
}

// hide adds a literal to o.private, matched as a whole (submissions/1 is
// not found in submissions/12).
func (o *owner) hide(literal string) {
	re := regexp.QuoteMeta(literal)
	if wordEnd.MatchString(literal) {
		re += `\b`
	}
	o.private = append(o.private, regexp.MustCompile(re))
}

var wordEnd = regexp.MustCompile(`\w$`)

// scopeCell is the one questionnaire cell the fixtures fill.
var scopeCell = collection.CellKey{Indicator: "detected_victims", Year: 2022, Dimension: "total", Category: "Total", Sex: "total", Age: "total"}

// makeOwners signs in two focal points of two countries and two NGO users
// of two organisations, and gives each real objects of every kind scoped
// to a country or an organisation today: for a focal point, a submitted
// questionnaire with an analyst's query on it and a draft one (two
// rounds, both countries answering each), a case law draft with its
// judgment file, a published case with a draft revision and the draft's
// file, an entry of the authorities' directory; for everyone, an
// API token and its notice. A room that scopes new objects adds them here. It also
// returns real values of the shared objects (scopeRule.sample): the
// rounds and the countries.
func makeOwners(t *testing.T, srv *apptest.Server) ([]*owner, map[string][]string) {
	t.Helper()
	ctx := t.Context()
	sys := auth.System("scope matrix")
	coll := collection.NewService(srv.App.DB, srv.App.Rooms.Stats, srv.App.Rooms.Geo)
	cases := srv.App.Rooms.Caselaw
	var rounds []int64
	samples := map[string][]string{"country": {"ISL", "KEN"}}
	for _, name := range []string{"Scope matrix 2023", "Scope matrix 2024"} {
		r, err := coll.OpenRound(ctx, sys, collection.RoundInput{Name: name, Years: "2022", Indicators: []string{"detected_victims"},
			Deadline: "2099-06-30"})
		if err != nil {
			t.Fatal(err)
		}
		rounds = append(rounds, r.ID)
		samples["round"] = append(samples["round"], strconv.FormatInt(r.ID, 10))
	}
	reviews := makeReviews(t, srv, samples)
	var out []*owner
	for _, iso3 := range samples["country"] {
		o := newOwner(t, srv, "focal point of "+iso3, auth.RoleFocalPoint, iso3, "")
		o.objects["country"] = []string{iso3}
		submitted := o.startSubmission(t, srv, rounds[0], "7")
		sendJSON(t, srv, o.client, "POST", "/api/v1/stats/submissions/"+submitted+"/submit", nil, http.StatusOK)
		id, _ := strconv.ParseInt(submitted, 10, 64)
		q, err := coll.RaiseQuery(ctx, sys, id, collection.QueryInput{Cell: scopeCell.Code(), Question: "Which source?"})
		if err != nil {
			t.Fatalf("%s: query: %v", o.name, err)
		}
		o.objects["query"] = []string{strconv.FormatInt(q.ID, 10)}
		o.objects["submission"] = []string{o.startSubmission(t, srv, rounds[1], "5"), submitted}
		o.makeCase(t, srv, iso3)
		o.makePublishedCase(t, srv, cases, iso3)
		a := authorityJSON{}
		body := sendJSON(t, srv, o.client, "POST", "/api/v1/countries/"+iso3+"/authorities",
			authorities.Input{Details: authorities.Details{Function: authorities.Functions()[0], Name: "Central authority of " + iso3}}, http.StatusCreated)
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			t.Fatal(err)
		}
		o.objects["authority"] = []string{strconv.FormatInt(a.ID, 10)}
		o.makeAssessment(t, srv)
		o.objects["review"] = []string{reviews[iso3]}
		o.hide("/omnibus/reviews/" + reviews[iso3] + `"`)
		out = append(out, o)
	}
	var ngos []*owner
	for _, org := range []string{"ORG-A", "ORG-B"} {
		ngos = append(ngos, newOwner(t, srv, "NGO user of "+org, auth.RoleNGO, "", org))
	}
	makeTrustFund(t, srv, ngos, samples)
	makeKnowledge(t, srv, ngos, samples)
	makeBlueHeart(t, srv, append(slices.Clone(out), ngos...))
	return append(out, ngos...), samples
}

type authorityJSON struct {
	ID int64 `json:"id"`
}

// newOwner makes and signs in the user, with an API token.
func newOwner(t *testing.T, srv *apptest.Server, name string, role auth.Role, country, org string) *owner {
	t.Helper()
	email := strings.ToLower(strings.NewReplacer(" ", "-").Replace(name)) + "@scope.example.org"
	o := &owner{name: name, role: role, user: srv.CreateUserIn(t, email, country, org, role), client: apptest.Client(),
		objects: map[string][]string{}}
	srv.Login(t, o.client, o.user)
	_, tok, err := srv.App.Auth.CreateTokenFor(t.Context(), auth.System("scope matrix"), email, "token of the "+name)
	if err != nil {
		t.Fatal(err)
	}
	o.objects["token"] = []string{strconv.FormatInt(tok.ID, 10)}
	// The new token's security notice: nobody else may mark it read.
	ns, _, err := srv.App.Rooms.Notify.Notices(t.Context(), &auth.Principal{UserID: o.user.ID}, false)
	if err != nil || len(ns) == 0 {
		t.Fatalf("%s has no notice (%v)", name, err)
	}
	o.objects["notice"] = []string{strconv.FormatInt(ns[0].ID, 10)}
	o.hide(tok.Prefix)
	o.hide(tok.Label)
	return o
}

// startSubmission starts o's submission to round and saves value in its
// one cell; it returns the submission's id.
func (o *owner) startSubmission(t *testing.T, srv *apptest.Server, round int64, value string) string {
	t.Helper()
	var started struct {
		Submission collection.Submission `json:"submission"`
	}
	body := sendJSON(t, srv, o.client, "POST", fmt.Sprintf("/api/v1/stats/rounds/%d/submission", round), struct{}{}, http.StatusOK)
	if err := json.Unmarshal([]byte(body), &started); err != nil || started.Submission.ID == 0 {
		t.Fatalf("%s: start: %v %s", o.name, err, body)
	}
	id := strconv.FormatInt(started.Submission.ID, 10)
	o.hide("/stats/collection/submissions/" + id)
	o.hide("/api/v1/stats/submissions/" + id)
	// The JSON form of the submission, as the API lists it.
	o.private = append(o.private, regexp.MustCompile(`"id":\s*`+id+`,\s*"round_id":`))
	sendJSON(t, srv, o.client, "PUT", "/api/v1/stats/submissions/"+id+"/draft",
		map[string]any{"cells": []collection.DraftCell{{CellKey: scopeCell, Text: value}}}, http.StatusOK)
	return id
}

// smuggling is a case of iso3 that needs no keywords to be published.
func smuggling(iso3, number, title string) caselaw.Case {
	return caselaw.Case{ID: iso3 + "-2021-" + number, CrimeTypes: []string{"smuggling_of_migrants"}, Country: iso3,
		Court: "High Court of " + iso3, CourtLevel: "first_instance", DecisionDate: "2021-03-04", Title: title,
		Languages: []string{"en"}, Summary: map[string]string{"en": "Smuggling of migrants by sea."}}
}

// makeCase drafts a case of iso3 that is never published and attaches a
// judgment to it.
func (o *owner) makeCase(t *testing.T, srv *apptest.Server, iso3 string) {
	t.Helper()
	o.draft = smuggling(iso3, "001", "State v. Y. ("+iso3+")")
	sendJSON(t, srv, o.client, "PUT", "/api/v1/caselaw/"+o.draft.ID, o.draft, http.StatusOK)
	o.objects["case"] = []string{o.draft.ID}
	o.objects["file"] = append(o.objects["file"], o.attach(t, srv, o.draft.ID))
	o.hide(o.draft.ID)
	o.hide(o.draft.Title)
}

// makePublishedCase has an editor publish a case of iso3, then o saves a
// draft revision of it with a new title and attaches a judgment, which
// joins the draft: the case is public, its draft and the draft's file are
// not.
func (o *owner) makePublishedCase(t *testing.T, srv *apptest.Server, cases *caselaw.Service, iso3 string) {
	t.Helper()
	c := smuggling(iso3, "002", "State v. Z. ("+iso3+")")
	sendJSON(t, srv, o.client, "PUT", "/api/v1/caselaw/"+c.ID, c, http.StatusOK)
	if _, err := cases.Publish(t.Context(), auth.System("scope matrix"), c.ID, 1); err != nil {
		t.Fatal(err)
	}
	c.Title = "Pending title of the case of " + iso3
	sendJSON(t, srv, o.client, "PUT", "/api/v1/caselaw/"+c.ID, c, http.StatusOK)
	file := o.attach(t, srv, c.ID)
	o.objects["published case"] = []string{c.ID}
	o.objects["file"] = append(o.objects["file"], file)
	o.hide(c.Title)
	o.hide("/caselaw/" + c.ID + "/files/" + file)
}

// attach uploads a judgment to case ref as o and returns the file's id.
func (o *owner) attach(t *testing.T, srv *apptest.Server, ref string) string {
	t.Helper()
	ctype, form := multipartFile(t, "file", "judgment.pdf", intake.TextPDF("Judgment in "+ref))
	if code, body := send(t, srv, o.client, "POST", "/caselaw/"+ref+"/files", ctype, form); code != http.StatusSeeOther {
		t.Fatalf("%s: attach to %s: %d %s", o.name, ref, code, body)
	}
	var rec caselaw.CaseJSON
	if err := json.Unmarshal([]byte(sendJSON(t, srv, o.client, "GET", "/api/v1/caselaw/"+ref, nil, http.StatusOK)), &rec); err != nil ||
		len(rec.Attachments) == 0 {
		t.Fatalf("%s: the files of %s: %v %+v", o.name, ref, err, rec)
	}
	return strconv.FormatInt(rec.Attachments[len(rec.Attachments)-1].ID, 10)
}

// makeReviews loads the real treaty status and draws a review cycle of the
// Trafficking in Persons Protocol with the sample countries under review;
// it returns each country's review id, and the cycle as a sample.
func makeReviews(t *testing.T, srv *apptest.Server, samples map[string][]string) map[string]string {
	t.Helper()
	ctx := t.Context()
	rooms := srv.App.Rooms
	loadTreaties(t, srv)
	c, err := rooms.Omnibus.CommitDraw(ctx, auth.System("scope matrix"), omnibus.DrawRequest{Instrument: "tip-protocol",
		Cycle: "Scope matrix", Seed: 7, UnderReview: samples["country"]})
	if err != nil {
		t.Fatal(err)
	}
	samples["cycle"] = []string{strconv.FormatInt(c.ID, 10)}
	out := map[string]string{}
	for _, r := range c.Reviews {
		out[r.Country] = strconv.FormatInt(r.ID, 10)
	}
	return out
}

// makeAssessment starts o's country's self-assessment of the Trafficking
// in Persons Protocol, answers its article 5 and attaches a file to it.
func (o *owner) makeAssessment(t *testing.T, srv *apptest.Server) {
	t.Helper()
	code, _ := send(t, srv, o.client, "POST", "/omnibus/assessments", "application/x-www-form-urlencoded",
		strings.NewReader("questionnaire=tip-protocol"))
	if code != http.StatusSeeOther {
		t.Fatalf("%s: start the self-assessment: %d", o.name, code)
	}
	as, err := srv.App.Rooms.Omnibus.Assessments(t.Context(), &auth.Principal{UserID: o.user.ID, Roles: []auth.Role{o.role}, Country: o.objects["country"][0]})
	if err != nil || len(as) != 1 {
		t.Fatalf("%s: assessments %v %v", o.name, as, err)
	}
	id := strconv.FormatInt(as[0].ID, 10)
	base := "/omnibus/assessments/" + id
	if code, body := send(t, srv, o.client, "POST", base+"/articles/5", "application/x-www-form-urlencoded",
		strings.NewReader("q.tip-5-1=yes&q.tip-5-3=partially")); code != http.StatusSeeOther {
		t.Fatalf("%s: answer article 5: %d %.300s", o.name, code, body)
	}
	ctype, form := multipartFile(t, "file", "law.pdf", intake.TextPDF("Penal code of "+o.objects["country"][0]), "question", "tip-5-5")
	code, body := send(t, srv, o.client, "POST", base+"/files", ctype, form)
	if code != http.StatusSeeOther {
		t.Fatalf("%s: attach: %d %.300s", o.name, code, body)
	}
	sh, err := srv.App.Rooms.Omnibus.Open(t.Context(), auth.System("scope matrix"), as[0].ID)
	if err != nil || len(sh.Files) != 1 {
		t.Fatalf("%s: files %v", o.name, err)
	}
	o.objects["assessment"] = []string{id}
	o.objects["assessment file"] = []string{strconv.FormatInt(sh.Files[0].ID, 10)}
	o.hide(base + `"`)
	o.hide(base + "/")
}

// loadTreaties loads the treaty status the repository ships (the UN Treaty
// Collection's tables), which the self-assessment and the draw read.
func loadTreaties(t *testing.T, srv *apptest.Server) {
	t.Helper()
	rooms := srv.App.Rooms
	if err := rooms.Treaty.LoadDemo(t.Context(), data.Treaties(), rooms.Geo.Countries(), data.TreatiesRecordedOn, data.TreatiesSource); err != nil {
		t.Fatal(err)
	}
}

// makeTrustFund gives each NGO owner its fund profile, a draft proposal
// with a document (to an open call) and a grant (from another call, taken
// through screening and three trustees' votes); the calls are samples.
func makeTrustFund(t *testing.T, srv *apptest.Server, ngos []*owner, samples map[string][]string) {
	t.Helper()
	ctx := t.Context()
	tf := srv.App.Rooms.Trustfund
	sys := auth.System("scope matrix")
	if _, err := tf.RecordContribution(ctx, sys, trustfund.ContributionInput{DonorKind: trustfund.DonorState, DonorName: "State",
		Status: trustfund.Received, Amount: "100000", Currency: "USD", Rate: "1", Channel: "direct"}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	call := func(title string) *trustfund.Call {
		c, err := tf.OpenCall(ctx, sys, trustfund.Call{Title: title, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(240 * time.Hour),
			TimeZone: "UTC", MinMinor: 100000, MaxMinor: 2500000, MaxMonths: 12})
		if err != nil {
			t.Fatal(err)
		}
		samples["call"] = append(samples["call"], strconv.FormatInt(c.ID, 10))
		return c
	}
	drafts, granted := call("Scope matrix drafts"), call("Scope matrix grants")
	var trustees []*auth.Principal
	for i := 0; i < 3; i++ {
		u := srv.CreateUser(t, fmt.Sprintf("trustee%d@scope.example.org", i), auth.RoleTrustee)
		trustees = append(trustees, &auth.Principal{UserID: u.ID, Roles: []auth.Role{auth.RoleTrustee}, MFA: true})
	}
	for _, o := range ngos {
		by := &auth.Principal{UserID: o.user.ID, Roles: []auth.Role{auth.RoleNGO}, OrgID: orgOf(t, srv, o), MFA: true}
		if _, err := tf.SaveOrg(ctx, by, trustfund.Org{Name: o.name, Country: "KEN", RegistrationNumber: "R-1", NonProfit: true,
			AssistingSince: 2015, BankAccount: true, PSEA: true}); err != nil {
			t.Fatal(err)
		}
		if err := tf.VerifyOrg(ctx, sys, by.OrgID); err != nil {
			t.Fatal(err)
		}
		code, body := send(t, srv, o.client, "POST", fmt.Sprintf("/trustfund/calls/%d/proposals", drafts.ID), "application/x-www-form-urlencoded",
			strings.NewReader("title=Draft+of+"+strings.ReplaceAll(o.name, " ", "+")))
		if code != http.StatusSeeOther {
			t.Fatalf("%s: start a proposal: %d %.200s", o.name, code, body)
		}
		rows, err := tf.Proposals(ctx, by, drafts.ID)
		if err != nil || len(rows) != 1 {
			t.Fatalf("%s: proposals %v %v", o.name, rows, err)
		}
		draft := strconv.FormatInt(rows[0].ID, 10)
		ctype, form := multipartFile(t, "file", "registration.pdf", intake.TextPDF("Registration of "+o.name))
		if code, body := send(t, srv, o.client, "POST", "/trustfund/proposals/"+draft+"/files", ctype, form); code != http.StatusSeeOther {
			t.Fatalf("%s: attach: %d %.200s", o.name, code, body)
		}
		d, err := tf.Proposal(ctx, by, rows[0].ID)
		if err != nil || len(d.Files) != 1 {
			t.Fatalf("%s: the draft's files: %v", o.name, err)
		}
		full := trustfund.Proposal{Title: "Granted to " + o.name, Summary: "Shelter.", Country: "KEN", Months: 6,
			Beneficiaries: trustfund.Beneficiaries{Women: 5}, Assistance: []string{"shelter"}, RequestedMinor: 1000000,
			Budget: []trustfund.BudgetLine{{Category: "shelter_costs", AmountMinor: 1000000}}}
		p, err := tf.CreateProposal(ctx, by, granted.ID, full)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tf.Submit(ctx, by, p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := tf.Screen(ctx, sys, p.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		for _, tr := range trustees {
			if err := tf.Declare(ctx, tr, p.ID, false, ""); err != nil {
				t.Fatal(err)
			}
			if err := tf.Vote(ctx, tr, p.ID, trustfund.VoteApprove); err != nil {
				t.Fatal(err)
			}
		}
		dec, err := tf.Decide(ctx, sys, p.ID)
		if err != nil || dec.Grant == nil {
			t.Fatalf("%s: decide: %v", o.name, err)
		}
		o.objects["proposal"] = []string{draft, strconv.FormatInt(p.ID, 10)}
		o.objects["proposal file"] = []string{strconv.FormatInt(d.Files[0].ID, 10)}
		o.objects["grant"] = []string{strconv.FormatInt(dec.Grant.ID, 10)}
		o.hide("/trustfund/proposals/" + draft + `"`)
		o.hide("Draft of " + o.name)
	}
}

// orgOf is the organisation id of an NGO owner.
func orgOf(t *testing.T, srv *apptest.Server, o *owner) int64 {
	t.Helper()
	u, err := srv.App.Auth.UserByEmail(t.Context(), auth.System("scope matrix"), o.user.Email)
	if err != nil {
		t.Fatal(err)
	}
	return u.OrgID
}

// makeKnowledge gives each NGO owner (a partner of the Hub) a resource
// waiting for an editor, with its PDF, and a good practice sent back; the
// public lists, feeds, sitemaps and a news item are samples.
func makeKnowledge(t *testing.T, srv *apptest.Server, ngos []*owner, samples map[string][]string) {
	t.Helper()
	ctx := t.Context()
	kh := srv.App.Rooms.Knowledge
	sys := auth.System("scope matrix")
	news, err := kh.Create(ctx, sys, knowledge.KindNews, knowledge.Content{Title: web.Texts{"en": "Scope news"},
		Summary: web.Texts{"en": "Public."}, Date: "2026-11-30"})
	if err != nil {
		t.Fatal(err)
	}
	samples["news"] = []string{strconv.FormatInt(news.ID, 10)}
	res, err := kh.Create(ctx, sys, knowledge.KindResource, knowledge.Content{Title: web.Texts{"en": "Scope resource"}, Type: "tool",
		Publisher: "UNODC", Year: 2025})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kh.Attach(ctx, sys, res.ID, "tool.pdf", intake.TextPDF("Public tool")); err != nil {
		t.Fatal(err)
	}
	gp, err := kh.Create(ctx, sys, knowledge.KindPractice, knowledge.Content{Title: web.Texts{"en": "Scope practice"},
		What: web.Texts{"en": "Hotline."}, By: "UNODC", Countries: []string{"KEN"}})
	if err != nil {
		t.Fatal(err)
	}
	samples["resource"] = []string{strconv.FormatInt(res.ID, 10)}
	samples["practice"] = []string{strconv.FormatInt(gp.ID, 10)}
	samples["hub list"] = []string{"resources", "practices", "news"}
	samples["feed"] = []string{"news.atom", "resources.atom", "caselaw.atom"}
	samples["sitemap"] = []string{"pages.xml", "documents-1.xml"}
	for _, o := range ngos {
		title := "Contribution of " + o.name
		ctype, form := multipartFile(t, "file", "manual.pdf", intake.TextPDF("Manual of "+o.name), "kind", "resource", "title_en", title,
			"summary_en", "Shelter manual.", "type", "training_manual", "publisher", o.name, "year", "2025", "topics", "protection")
		code, body := send(t, srv, o.client, "POST", "/knowledge/contributions", ctype, form)
		if code != http.StatusSeeOther {
			t.Fatalf("%s: contribute: %d %.300s", o.name, code, body)
		}
		by := &auth.Principal{UserID: o.user.ID, Roles: []auth.Role{auth.RoleNGO}, OrgID: orgOf(t, srv, o)}
		mine, err := kh.Contributions(ctx, by)
		if err != nil || len(mine) != 1 || mine[0].File == nil {
			t.Fatalf("%s: contributions %v %v", o.name, mine, err)
		}
		gp, err := kh.Create(ctx, by, knowledge.KindPractice, knowledge.Content{Title: web.Texts{"en": "Practice of " + o.name},
			What: web.Texts{"en": "Hotline."}, By: o.name, Countries: []string{"KEN"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := kh.Decide(ctx, sys, gp.ID, knowledge.DecisionReturn, "Say more about the results.", nil); err != nil {
			t.Fatal(err)
		}
		o.objects["contribution"] = []string{strconv.FormatInt(mine[0].ID, 10), strconv.FormatInt(gp.ID, 10)}
		o.hide(title)
		o.hide("Practice of " + o.name)
	}
}

// makeBlueHeart has each owner apply to adopt the Blue Heart — a focal
// point for its State, an NGO user as a civil society organisation — and
// attach campaign material to its waiting application.
func makeBlueHeart(t *testing.T, srv *apptest.Server, owners []*owner) {
	t.Helper()
	for _, o := range owners {
		name := "Blue Heart of the " + o.name
		form := url.Values{"kind": {"cso"}, "name": {name}, "country": {"KEN"}, "adopt_on": {"2027-01-15"},
			"evidence.registered": {"Registered in 2015"}}
		if o.role == auth.RoleFocalPoint {
			form = url.Values{"kind": {"state"}, "name": {name}, "adopt_on": {"2027-01-15"}, "evidence.coordination": {"Steering group"}}
		}
		res := srv.Post(t, o.client, "/blueheart/apply", form)
		app := location(t, res, "/blueheart/applications/")
		ctype, body := multipartFile(t, "file", "leaflet.pdf", intake.TextPDF("Leaflet of "+o.name))
		if code, text := send(t, srv, o.client, "POST", app+"/files", ctype, body); code != http.StatusSeeOther {
			t.Fatalf("%s: attach to the Blue Heart application: %d %.200s", o.name, code, text)
		}
		id, _ := strconv.ParseInt(strings.TrimPrefix(app, "/blueheart/applications/"), 10, 64)
		d, err := srv.App.Rooms.Engagement.Application(t.Context(), auth.System("scope matrix"), id)
		if err != nil || len(d.Files) != 1 {
			t.Fatalf("%s: the application's files: %v", o.name, err)
		}
		o.objects["blueheart application"] = []string{strconv.FormatInt(id, 10)}
		o.objects["blueheart file"] = []string{strconv.FormatInt(d.Files[0].ID, 10)}
		o.hide(app + `"`)
		o.hide(app + "/")
		o.hide(name)
	}
}
