package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/intake/intaketest"
	"github.com/tipsom/tipsom/internal/knowledge"
	"github.com/tipsom/tipsom/internal/trustfund"
	"github.com/tipsom/tipsom/internal/web"
)

// glotipRow is a data row of the published layout, repeated to make bombs.
var glotipRow = []string{"ISL", "Iceland", "Europe", "Northern Europe", "Detected trafficking victims", "Total", "Total",
	"Total", "Total", "2022", "Counts", "12", "Ministry of Justice"}

// hostile is a file sent to an upload route, with the limit that must
// refuse it.
type hostile struct {
	name   string
	data   func() []byte
	limits []string // any of them may refuse it
}

var (
	xlsxBomb = hostile{"bomb.xlsx", func() []byte {
		return intaketest.XLSX([][]string{{"UNODC"}, {"30/05/2023"}, stringsOf(len(glotipRow), "h")}, glotipRow, 6_000_000)
	}, []string{intake.KeyRatio, intake.KeyUnzipped}}
	pdfBomb = hostile{"judgment.pdf", func() []byte { return intaketest.PDFBomb(200 << 20) }, []string{intake.KeyMemory}}
)

func stringsOf(n int, s string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// csvRows is a CSV with a header and n rows of row.
func csvRows(header, row string, n int) hostile {
	return hostile{"table.csv", func() []byte {
		var b strings.Builder
		b.WriteString(header + "\n")
		for i := 0; i < n; i++ {
			b.WriteString(row + "\n")
		}
		return []byte(b.String())
	}, []string{intake.KeyRows}}
}

// uploadCase is one upload route as the test tries it: who may not act on
// the object (refused before the file is read), and who may (the hostile
// file refused by its limit, nothing stored).
type uploadCase struct {
	outsider   *http.Client
	outsideURL string
	insider    *http.Client
	insideURL  string
	fields     url.Values
	file       hostile
	// unchanged is called after both attempts: it fails the test if
	// anything was stored.
	unchanged func(t *testing.T)
}

// TestUploadRoutes tries every route that takes a file, on both engines:
// a user the route admits but who may not act on the object is refused
// (403 or 404) before the file is read; one who may act gets the file's
// limit (413, naming it) for a decompression bomb or an oversized table;
// nothing is stored either way. A new upload route fails the test until it
// is added here.
func TestUploadRoutes(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		ctx := context.Background()
		login := func(u apptest.User) *http.Client {
			c := srv.SignIn(t, u)
			return c
		}
		analyst := login(srv.CreateUser(t, "analyst@example.org", auth.RoleAnalyst))
		editor := login(srv.CreateUser(t, "editor@example.org", auth.RoleEditor))
		fpISL := login(srv.CreateUser(t, "fp-isl@example.org", auth.RoleFocalPoint))
		fpKEN := login(srv.CreateUserIn(t, "fp-ken@example.org", "KEN", "", auth.RoleFocalPoint))

		// A collection round, with Iceland's submission.
		res := srv.Post(t, analyst, "/stats/collection/rounds", url.Values{"name": {"Round"}, "years": {"2022"},
			"indicators": {"detected_victims"}, "deadline": {"2099-12-31"}})
		round := location(t, res, "/stats/collection/rounds/")
		res = srv.Post(t, fpISL, round+"/start", nil)
		submission := location(t, res, "/stats/collection/submissions/")

		// A published case of Iceland.
		cl := srv.App.Rooms.Caselaw
		var c caselaw.Case
		if err := json.Unmarshal([]byte(icelandCase), &c); err != nil {
			t.Fatal(err)
		}
		sys := auth.System("test")
		if _, err := cl.Save(ctx, sys, c, "seed"); err != nil {
			t.Fatal(err)
		}
		if _, err := cl.Publish(ctx, sys, c.ID, 1); err != nil {
			t.Fatal(err)
		}
		caseFiles := func(t *testing.T) {
			t.Helper()
			rec, err := cl.Get(ctx, sys, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if rec.LatestRev != 1 || len(rec.Attachments) != 0 {
				t.Errorf("case %s: revision %d with %d files after refused uploads", c.ID, rec.LatestRev, len(rec.Attachments))
			}
		}

		// A meeting of ICAT.
		res = srv.Post(t, editor, "/bodies/icat/meetings", url.Values{"form": {"meeting"}, "title": {"Principals"}, "date": {"2024-03-05"}})
		res.Body.Close()
		var body struct {
			Meetings []struct {
				ID        int64 `json:"id"`
				Documents []any
			} `json:"meetings"`
		}
		getJSON(t, srv, "/api/v1/bodies/icat", &body)
		if len(body.Meetings) == 0 {
			t.Fatal("no meeting")
		}
		meeting := fmt.Sprintf("/bodies/icat/meetings/%d/documents", body.Meetings[0].ID)

		// Iceland's self-assessment of the Trafficking in Persons Protocol.
		loadTreaties(t, srv)
		res = srv.Post(t, fpISL, "/omnibus/assessments", url.Values{"questionnaire": {"tip-protocol"}})
		assessment := location(t, res, "/omnibus/assessments/")
		assessmentFiles := func(t *testing.T) {
			t.Helper()
			id, _ := strconv.ParseInt(strings.TrimPrefix(assessment, "/omnibus/assessments/"), 10, 64)
			sh, err := srv.App.Rooms.Omnibus.Open(ctx, sys, id)
			if err != nil || len(sh.Files) != 0 || len(sh.Answers) != 0 {
				t.Errorf("the self-assessment after refused uploads: %v files, %v answers (%v)", len(sh.Files), len(sh.Answers), err)
			}
		}

		// A draft proposal of an NGO to an open call of the Trust Fund.
		tf := srv.App.Rooms.Trustfund
		ngoA := srv.CreateUserIn(t, "ngo-a@example.org", "", "NGO-A", auth.RoleNGO)
		ngoB := login(srv.CreateUserIn(t, "ngo-b@example.org", "", "NGO-B", auth.RoleNGO))
		ngoAuser, _ := srv.App.Auth.UserByEmail(ctx, sys, ngoA.Email)
		byA := &auth.Principal{UserID: ngoA.ID, Roles: []auth.Role{auth.RoleNGO}, OrgID: ngoAuser.OrgID}
		if _, err := tf.SaveOrg(ctx, byA, trustfund.Org{Name: "NGO A", Country: "KEN", RegistrationNumber: "1", AssistingSince: 2015}); err != nil {
			t.Fatal(err)
		}
		call, err := tf.OpenCall(ctx, sys, trustfund.Call{Title: "Call", OpensAt: time.Now().Add(-time.Hour), ClosesAt: time.Now().Add(time.Hour),
			TimeZone: "UTC", MinMinor: 100, MaxMinor: 2500000, MaxMonths: 12})
		if err != nil {
			t.Fatal(err)
		}
		draft, err := tf.CreateProposal(ctx, byA, call.ID, trustfund.Proposal{Title: "Draft"})
		if err != nil {
			t.Fatal(err)
		}
		proposalFiles := func(t *testing.T) {
			t.Helper()
			d, err := tf.Proposal(ctx, sys, draft.ID)
			if err != nil || len(d.Files) != 0 {
				t.Errorf("the proposal after refused uploads: %d files (%v)", len(d.Files), err)
			}
		}
		proposalURL := fmt.Sprintf("/trustfund/proposals/%d/files", draft.ID)

		// A resource a partner contributed to the Knowledge Hub.
		kh := srv.App.Rooms.Knowledge
		contribution, err := kh.Create(ctx, byA, knowledge.KindResource, knowledge.Content{Title: web.Texts{"en": "Manual"},
			Type: "training_manual", Publisher: "NGO A", Year: 2025})
		if err != nil {
			t.Fatal(err)
		}
		contributionURL := fmt.Sprintf("/knowledge/contributions/%d", contribution.ID)
		hubItems := func(t *testing.T) {
			t.Helper()
			it, err := kh.Item(ctx, sys, contribution.ID)
			if err != nil || it.File != nil || it.Title("en") != "Manual" {
				t.Errorf("the contribution after refused uploads: %q, file %v (%v)", it.Title("en"), it.File, err)
			}
			all, err := kh.Contributions(ctx, byA)
			if err != nil || len(all) != 1 {
				t.Errorf("NGO A's contributions after refused uploads: %d (%v)", len(all), err)
			}
		}

		// Iceland's waiting application to adopt the Blue Heart.
		res = srv.Post(t, fpISL, "/blueheart/apply", url.Values{"kind": {"state"}, "name": {"Blue Heart Iceland"}, "adopt_on": {"2027-01-15"}})
		blueheart := location(t, res, "/blueheart/applications/")
		blueheartFiles := func(t *testing.T) {
			t.Helper()
			id, _ := strconv.ParseInt(strings.TrimPrefix(blueheart, "/blueheart/applications/"), 10, 64)
			d, err := srv.App.Rooms.Engagement.Application(ctx, sys, id)
			if err != nil || len(d.Files) != 0 {
				t.Errorf("the Blue Heart application after refused uploads: %v files (%v)", len(d.Files), err)
			}
		}

		nothing := func(t *testing.T) {}
		cases := map[string]uploadCase{
			"POST /stats/collection/submissions/{id}/upload": {outsider: fpKEN, outsideURL: submission + "/upload",
				insider: fpISL, insideURL: submission + "/upload", file: xlsxBomb, unchanged: func(t *testing.T) {
					var sub struct {
						Draft []any `json:"draft"`
					}
					getJSONAs(t, srv, fpISL, "/api/v1/stats/submissions/"+strings.TrimPrefix(submission, "/stats/collection/submissions/"), &sub)
					if len(sub.Draft) != 0 {
						t.Errorf("%d draft cells after a refused upload", len(sub.Draft))
					}
				}},
			"POST /omnibus/assessments/{id}/files": {outsider: fpKEN, outsideURL: assessment + "/files", insider: fpISL,
				insideURL: assessment + "/files", fields: url.Values{"question": {"tip-5-5"}},
				file:      hostile{"law.pdf", func() []byte { return append([]byte("%PDF-1.4\n"), make([]byte, 20<<20)...) }, []string{intake.KeyBytes}},
				unchanged: assessmentFiles},
			"POST /trustfund/proposals/{id}/files": {outsider: ngoB, outsideURL: proposalURL, insider: login(ngoA), insideURL: proposalURL,
				file:      hostile{"budget.pdf", func() []byte { return append([]byte("%PDF-1.4\n"), make([]byte, 10<<20)...) }, []string{intake.KeyBytes}},
				unchanged: proposalFiles},
			"POST /knowledge/contributions": {outsider: fpISL, outsideURL: "/knowledge/contributions", insider: login(ngoA),
				insideURL: "/knowledge/contributions", fields: url.Values{"kind": {"resource"}, "title_en": {"Big manual"},
					"type": {"tool"}, "publisher": {"NGO A"}, "year": {"2025"}},
				file:      hostile{"big.pdf", func() []byte { return append([]byte("%PDF-1.4\n"), make([]byte, 20<<20)...) }, []string{intake.KeyBytes}},
				unchanged: hubItems},
			"POST /knowledge/contributions/{id}": {outsider: ngoB, outsideURL: contributionURL, insider: login(ngoA), insideURL: contributionURL,
				fields: url.Values{"kind": {"resource"}, "title_en": {"Manual"}, "type": {"training_manual"}, "publisher": {"NGO A"}, "year": {"2025"}},
				file:   pdfBomb, unchanged: hubItems},
			"POST /blueheart/applications/{id}/files": {outsider: fpKEN, outsideURL: blueheart + "/files", insider: fpISL,
				insideURL: blueheart + "/files", fields: url.Values{"criterion": {"coordination"}},
				file:      hostile{"decree.pdf", func() []byte { return append([]byte("%PDF-1.4\n"), make([]byte, 10<<20)...) }, []string{intake.KeyBytes}},
				unchanged: blueheartFiles},
			"POST /stats/import": {outsider: fpISL, outsideURL: "/stats/import", insider: analyst, insideURL: "/stats/import",
				file: xlsxBomb, unchanged: func(t *testing.T) {
					var obs struct {
						Count int `json:"count"`
					}
					getJSON(t, srv, "/api/v1/stats/observations?indicator=detected_victims", &obs)
					if obs.Count != 0 {
						t.Errorf("%d observations after a refused import", obs.Count)
					}
				}},
			"POST /caselaw/{case}/files": {outsider: fpKEN, outsideURL: "/caselaw/" + c.ID + "/files", insider: fpISL,
				insideURL: "/caselaw/" + c.ID + "/files", file: pdfBomb, unchanged: caseFiles},
			"POST /caselaw": {outsider: analyst, outsideURL: "/caselaw", insider: fpISL, insideURL: "/caselaw",
				fields: url.Values{"id": {"ISL-2021-002"}, "country": {"ISL"}, "court": {"District Court"}, "court_level": {"first_instance"},
					"decision_date": {"2021-05-04"}, "crime_types": {"trafficking_in_persons"}, "languages": {"en"},
					"text_lang": {"en"}, "summary": {"A summary."}, "title": {"Prosecutor v. B."}, "legal_system": {"civil_law"}},
				file: pdfBomb, unchanged: func(t *testing.T) {
					rec, err := cl.Get(ctx, sys, "ISL-2021-002")
					if err != nil {
						t.Fatalf("the case itself was not saved: %v", err)
					}
					if len(rec.Attachments) != 0 {
						t.Errorf("a refused file was stored")
					}
				}},
			"POST /bodies/{slug}/meetings/{id}/documents": {outsider: editor, outsideURL: "/bodies/icat/meetings/999999/documents",
				insider: editor, insideURL: meeting, fields: url.Values{"form": {fmt.Sprintf("document-%d", body.Meetings[0].ID)}, "title": {"Big"}},
				file: hostile{"big.bin", func() []byte { return make([]byte, 20<<20+1) }, []string{intake.KeyBytes}}, unchanged: func(t *testing.T) {
					getJSON(t, srv, "/api/v1/bodies/icat", &body)
					if n := len(body.Meetings[0].Documents); n != 0 {
						t.Errorf("%d documents after a refused upload", n)
					}
				}},
			"POST /treaties/import": {outsider: analyst, outsideURL: "/treaties/import", insider: editor, insideURL: "/treaties/import",
				fields: url.Values{"instrument": {"untoc"}},
				file:   csvRows("Participant,Signature,Ratification", "Iceland,13 Dec 2000,", 10_001), unchanged: nothing},
			"POST /countries/population": {outsider: editor, outsideURL: "/countries/population", insider: analyst,
				insideURL: "/countries/population", fields: url.Values{"source": {"test"}},
				file: csvRows("iso3,year,population", "ISL,2020,366425", 200_001), unchanged: nothing},
			"POST /groupings": {outsider: editor, outsideURL: "/groupings", insider: analyst, insideURL: "/groupings",
				fields: url.Values{"name": {"Big"}},
				file:   csvRows("iso3,group", "ISL,A", 200_001), unchanged: nothing},
		}
		for _, rt := range srv.App.Router.Routes() {
			if rt.Upload == nil {
				continue
			}
			tc, ok := cases[rt.Pattern]
			if !ok {
				t.Errorf("%s takes a file but TestUploadRoutes does not try it: add it", rt.Pattern)
				continue
			}
			delete(cases, rt.Pattern)
			t.Run(rt.Pattern, func(t *testing.T) {
				data := tc.file.data()
				out := srv.PostFile(t, tc.outsider, tc.outsideURL, tc.fields, tc.file.name, data)
				if out.Body.Close(); out.StatusCode != http.StatusForbidden && out.StatusCode != http.StatusNotFound {
					t.Errorf("outsider: %d, want 403 or 404", out.StatusCode)
				}
				if n := srv.App.Metrics.BodyRead(rt.Pattern); n != 0 {
					t.Errorf("outsider: %d bytes of the upload were read before it was refused", n)
				}
				res := srv.PostFile(t, tc.insider, tc.insideURL, tc.fields, tc.file.name, data)
				defer res.Body.Close()
				if rt.Pattern == "POST /caselaw" {
					// The case is saved, then its file refused: back to the case.
					if res.StatusCode != http.StatusSeeOther {
						t.Errorf("insider: %d %q, want 303 to the saved case", res.StatusCode, fieldErrors(t, res))
					}
				} else if got := fieldErrors(t, res); res.StatusCode != http.StatusRequestEntityTooLarge || len(got) == 0 ||
					!slices.Contains(tc.file.limits, got[0]) {
					t.Errorf("insider: %d %q, want 413 with one of %q", res.StatusCode, got, tc.file.limits)
				}
				tc.unchanged(t)
			})
		}
		for p := range cases {
			t.Errorf("%s is in the table but no longer takes a file", p)
		}
	})
}

// icelandCase is a small trafficking case of Iceland in its JSON form.
const icelandCase = `{"id":"ISL-2020-001","crime_types":["trafficking_in_persons"],"country":"ISL","court":"Héraðsdómur Reykjavíkur",
"court_level":"first_instance","decision_date":"2020-06-15","title":"Prosecutor v. A.","languages":["is","en"],
"summary":{"en":"The victims were recruited by deception and exploited in restaurants."},
"defendants":[{"sex":"male","age":41,"nationality":"ISL","role":"exploiter","charges":[{"legislation":"Criminal Code, art. 227a","charge":"Trafficking in persons","verdict":"convicted","imprisonment_months":36}]}],
"victim_count":2,"victims":[{"sex":"female","age_group":"adult","nationality":"PHL"}],
"keywords":{"acts":["recruitment"],"means":["deception"],"purposes":["forced_labour"],"forms":["transnational"]}}`

// fieldErrors are the message keys of the field errors on a form that came
// back (data-error attributes of the HTML form; the codes of problem+json).
func fieldErrors(t *testing.T, res *http.Response) []string {
	t.Helper()
	b, _ := io.ReadAll(res.Body)
	var p web.Problem
	if json.Unmarshal(b, &p) == nil {
		var out []string
		for _, f := range p.Errors {
			out = append(out, f.Code)
		}
		return out
	}
	var out []string
	for _, m := range dataError.FindAllStringSubmatch(string(b), -1) {
		out = append(out, m[1])
	}
	return out
}

var dataError = regexp.MustCompile(`data-error="([^"]+)"`)

// location reads the path a redirect points to, which must start with prefix.
func location(t *testing.T, res *http.Response, prefix string) string {
	t.Helper()
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("got %d to %q, want a redirect to %s…", res.StatusCode, loc, prefix)
	}
	if i := strings.IndexAny(loc, "?#"); i >= 0 {
		loc = loc[:i]
	}
	return loc
}

func getJSON(t *testing.T, srv *apptest.Server, path string, v any) {
	t.Helper()
	getJSONAs(t, srv, apptest.Client(), path, v)
}

func getJSONAs(t *testing.T, srv *apptest.Server, c *http.Client, path string, v any) {
	t.Helper()
	res := srv.Get(t, c, path)
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, res.StatusCode)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}
