package e2e_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
)

var (
	roundPath      = regexp.MustCompile(`^/stats/collection/rounds/([0-9]+)$`)
	submissionPath = regexp.MustCompile(`^/stats/collection/submissions/([0-9]+)$`)
)

// login signs u in through the form, with the TOTP code when u has one.
func login(p *tab, srv *apptest.Server, u apptest.User) {
	p.open("/login")
	p.fill("#f-email", u.Email)
	p.fill("#f-password", u.Password)
	p.click(`form[action="/login"] button[type=submit]`)
	if p.path() == "/login/2fa" {
		p.fill("#f-code", srv.Code(u))
		p.click(`form[action="/login/2fa"] button[type=submit]`)
		srv.Tick()
	}
	if got := p.path(); got != "/home" {
		p.fatalf("after signing in %s the browser is on %s", u.Email, got)
	}
}

func logout(p *tab) {
	p.click(`.site-header form[action="/logout"] button[type=submit]`)
}

// TestStatisticsCollection drives the national data collection end to end:
// an analyst opens a round; Iceland's focal point submits a questionnaire
// with an error, fixes it and submits; Kenya's focal point cannot see it;
// the analyst queries a cell, the focal point revises, the analyst
// validates and publishes; the public explorer shows the number and a chart.
func TestStatisticsCollection(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	srv, analyst := startAppWith(t, "analyst@e2e.example.org", auth.RoleAnalyst)
	focal := srv.CreateUser(t, "focal-isl@e2e.example.org", auth.RoleFocalPoint) // scoped to ISL
	_, err := srv.App.Auth.CreateUser(t.Context(), auth.System("test"), auth.UserInput{Email: "focal-ken@e2e.example.org",
		Name: "Kenya Focal", Roles: []auth.Role{auth.RoleFocalPoint}, Country: "KEN", Password: "amber-river-notebook-7"})
	if err != nil {
		t.Fatal(err)
	}
	kenya := apptest.User{Email: "focal-ken@e2e.example.org", Password: "amber-river-notebook-7"}
	b := startBrowser(t, execPath, axe, srv.URL)
	var round, submission string

	b.step(t, "analyst_opens_round", func(p *tab) {
		login(p, srv, analyst)
		p.open("/stats/collection")
		p.fill("#f-name", "Round 2023")
		p.fill("#f-years", "2022")
		p.check("#f-ind-detected_victims")
		p.do("deadline", chromedp.SetValue(chromedp.CSS("#f-deadline"), "2030-12-31"))
		p.click("#open-round")
		m := roundPath.FindStringSubmatch(p.path())
		if m == nil {
			p.fatalf("after opening the round the browser is on %s", p.path())
		}
		round = m[1]
		logout(p)
	})
	total := "#cell-detected_victims-2022-total-total-total-total"
	female := "#cell-detected_victims-2022-total-total-female-total"
	male := "#cell-detected_victims-2022-total-total-male-total"
	b.step(t, "focal_point_submits_with_an_error", func(p *tab) {
		login(p, srv, focal)
		p.open("/stats/collection")
		p.click("#start-" + round)
		m := submissionPath.FindStringSubmatch(p.path())
		if m == nil {
			p.fatalf("after starting the browser is on %s", p.path())
		}
		submission = m[1]
		p.fill(total, "12")
		p.fill(female, "10")
		p.fill(male, "8")
		res := p.click("#submit-questionnaire")
		if res.Status != 422 || !p.exists("#submit-refused") || !p.exists(total+"-error") {
			p.fatalf("a breakdown above its total was not refused beside the cell (status %d)", res.Status)
		}
		p.fill(total, "18")
		p.click("#submit-questionnaire")
		if !p.exists(`#submission-status[data-status="submitted"]`) {
			p.fatalf("the corrected questionnaire was not submitted: %s", p.text("main"))
		}
		logout(p)
	})
	b.step(t, "other_country_cannot_see_it", func(p *tab) {
		login(p, srv, kenya)
		res, err := chromedp.Run(p.ctx, chromedp.NavigateResponse(p.b.base+"/stats/collection/submissions/"+submission))
		if err != nil || res == nil || res.Status != 404 {
			p.fatalf("Kenya's focal point opening Iceland's submission: %v %v", res, err)
		}
		logout(p)
	})
	b.step(t, "analyst_queries_a_cell", func(p *tab) {
		login(p, srv, analyst)
		p.open("/stats/collection/submissions/" + submission)
		p.do("choose the cell", chromedp.SetValue(chromedp.CSS("#query-cell"), "detected_victims|2022|total|Total|female|total"))
		p.do("question", chromedp.SetValue(chromedp.CSS("#query-question"), "Please check the number of women and girls."))
		p.click("#raise-query")
		if !p.exists("[id^=query-]") {
			p.fatalf("no query shown")
		}
		logout(p)
	})
	b.step(t, "focal_point_revises", func(p *tab) {
		login(p, srv, focal)
		p.open("/stats/collection/submissions/" + submission)
		qid := eval[string](p, `(document.querySelector("[id^=answer-submit-]")||{id:""}).id.replace("answer-submit-","")`)
		if qid == "" {
			p.fatalf("no query to answer: %s", p.text("main"))
		}
		p.do("answer", chromedp.SetValue(chromedp.CSS("#answer-"+qid), "Corrected from the police register."))
		p.fill("#answer-value-"+qid, "9")
		p.click("#answer-submit-" + qid)
		p.click("#submit-questionnaire")
		if !p.exists(`#submission-status[data-status="submitted"]`) {
			p.fatalf("the revision was not submitted: %s", p.text("main"))
		}
		logout(p)
	})
	b.step(t, "analyst_validates_and_publishes", func(p *tab) {
		login(p, srv, analyst)
		p.open("/stats/collection/submissions/" + submission)
		p.click("#validate-submission")
		p.click("#publish-submission")
		if !p.exists("#confirm-publish") || p.exists(`[data-status="published"]`) {
			p.fatalf("publishing asked for no confirmation: %s", p.text("main"))
		}
		p.click("#publish-confirmed")
		if !p.exists(`[data-status="published"]`) {
			p.fatalf("not published: %s", p.text("main"))
		}
		logout(p)
	})
	b.step(t, "public_explorer", func(p *tab) {
		p.open("/stats/explore?indicator=detected_victims&country=ISL&from=2022&to=2022&view=bar")
		if table := p.text("#explorer-table"); !strings.Contains(table, "18") {
			p.fatalf("the explorer table does not show 18: %q", table)
		}
		if !p.exists(".chart svg") {
			p.errorf("the explorer drew no chart")
		}
	})
}

// startAppWith starts the app with one user of role (with a second factor
// when the role needs one).
func startAppWith(t *testing.T, email string, role auth.Role) (*apptest.Server, apptest.User) {
	t.Helper()
	srv, _ := startApp(t)
	return srv, srv.CreateUser(t, email, role)
}
