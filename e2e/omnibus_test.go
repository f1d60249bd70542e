package e2e_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tipsom/tipsom/data"
	"github.com/tipsom/tipsom/internal/auth"
)

var (
	assessmentPath = regexp.MustCompile(`^/omnibus/assessments/([0-9]+)$`)
	cyclePath      = regexp.MustCompile(`^/omnibus/cycles/([0-9]+)$`)
)

// q selects the element whose id is id (the answering form's ids hold dots).
func q(id string) string { return fmt.Sprintf(`[id=%q]`, id) }

// noConfirm removes the page's confirmation prompts, which a headless
// browser cannot answer.
func noConfirm(p *tab) {
	p.do("skip the confirmation", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("[data-confirm]").forEach(f => f.removeAttribute("data-confirm"))`))
}

// typeIn types text into an empty textarea (fill's clearing needs text
// to clear).
func typeIn(p *tab, sel, text string) {
	p.t.Helper()
	p.do("type in "+sel, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// status opens path and returns its HTTP status, whatever it is.
func status(p *tab, path string) int64 {
	p.t.Helper()
	res, err := chromedp.Run(p.ctx, chromedp.NavigateResponse(p.b.base+path))
	if err != nil || res == nil {
		p.fatalf("open %s: %v", path, err)
	}
	return res.Status
}

// TestSelfAssessmentAndReview drives the Omnibus room end to end: Iceland's
// focal point answers the Trafficking in Persons Protocol checklist — a
// conditional question appears as it answers, a file is attached, the
// submission is refused while required questions are open, then accepted —
// and reads its gap summary; an analyst draws a review cycle and assigns
// two reviewers; Iceland's reviewer comments and drafts observations; the
// State agrees; the analyst publishes the summary, which the public then
// reads; the reviewer assigned to Kenya gets 403 on Iceland's review and
// self-assessment. axe-core checks every page.
func TestSelfAssessmentAndReview(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	srv, analyst := startAppWith(t, "analyst@e2e.example.org", auth.RoleAnalyst)
	rooms := srv.App.Rooms
	if err := rooms.Treaty.LoadDemo(t.Context(), data.Treaties(), rooms.Geo.Countries(), data.TreatiesRecordedOn, data.TreatiesSource); err != nil {
		t.Fatal(err)
	}
	focal := srv.CreateUser(t, "focal-isl@e2e.example.org", auth.RoleFocalPoint) // scoped to ISL
	expert := srv.CreateUser(t, "expert-isl@e2e.example.org", auth.RoleReviewer)
	other := srv.CreateUser(t, "expert-ken@e2e.example.org", auth.RoleReviewer)
	law := filepath.Join(t.TempDir(), "penal-code.txt")
	if err := os.WriteFile(law, []byte("Article 227 a: trafficking in persons is punishable by up to twelve years."), 0o644); err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, execPath, axe, srv.URL)
	var assessment, cycle, reviewISL, reviewKEN string

	b.step(t, "focal_point_answers_with_a_condition_and_a_file", func(p *tab) {
		login(p, srv, focal)
		p.open("/omnibus/assessments")
		p.do("choose the Protocol", chromedp.SetValue(chromedp.CSS("#f-questionnaire"), "tip-protocol"))
		p.click("#start-button")
		m := assessmentPath.FindStringSubmatch(p.path())
		if m == nil {
			p.fatalf("after starting the browser is on %s", p.path())
		}
		assessment = m[1]
		p.open("/omnibus/assessments/" + assessment + "/articles/5")
		if !p.exists(`[data-question="tip-5-2"][hidden]`) {
			p.fatalf("the forms of exploitation are asked before the offence exists")
		}
		// Autosave: answering yes brings the conditional question in.
		p.check(q("f-q.tip-5-1-yes"))
		p.do("wait for the conditional question", chromedp.WaitVisible(chromedp.CSS(`[data-question="tip-5-2"]`)))
		p.do("wait for the save", chromedp.WaitVisible(chromedp.CSS(`[data-saved]`)))
		p.check(q("f-q.tip-5-2-forced_labour"))
		p.check(q("f-q.tip-5-3-yes"))
		p.fill(q("f-q.tip-5-4.title"), "General Penal Code")
		p.fill(q("f-q.tip-5-4.year"), "1940")
		p.click("#save-button")
		p.do("choose the law", chromedp.SetUploadFiles(chromedp.CSS(q("f-file-tip-5-5")), []string{law}))
		p.click(q("upload-button-tip-5-5"))
		if !p.exists(`[data-question="tip-5-5"] [data-file]`) {
			p.fatalf("the attached law is not listed: %s", p.text("main"))
		}
		if got := p.text("#autosave [data-status]"); got == "" || !p.exists(`#autosave [data-status="implemented"]`) {
			p.errorf("article 5 after yes and yes: %q, want implemented", got)
		}
	})
	b.step(t, "submission_refused_then_accepted", func(p *tab) {
		p.open("/omnibus/assessments/" + assessment)
		noConfirm(p)
		p.click("#submit-button")
		if !p.exists(`[data-summary-error="err.omnibus_article_open"][data-field="article-6"]`) {
			p.fatalf("submitting with open questions: %s", p.text("main"))
		}
		sh, err := rooms.Omnibus.Open(t.Context(), auth.System("test"), atoi(assessment))
		if err != nil {
			t.Fatal(err)
		}
		for _, art := range sh.Questionnaire.Articles[1:] {
			p.open("/omnibus/assessments/" + assessment + "/articles/" + art.Number)
			for _, qu := range art.Questions {
				if qu.Required {
					answer := "yes"
					if art.Number == "6" {
						answer = "partially" // and then the assistance it needs
					}
					p.check(q("f-q." + qu.ID + "-" + answer))
				}
			}
			if art.Number == "6" {
				p.do("wait for the assistance question", chromedp.WaitVisible(chromedp.CSS(`[data-question="tip-6-6"]`)))
				p.do("type of assistance", chromedp.SetValue(chromedp.CSS(q("f-q.tip-6-6.type")), "institutional"))
				p.do("priority", chromedp.SetValue(chromedp.CSS(q("f-q.tip-6-6.priority")), "high"))
			}
			p.click("#save-button")
		}
		p.open("/omnibus/assessments/" + assessment)
		noConfirm(p)
		p.click("#submit-button")
		if !p.exists(`#assessment-status[data-status="submitted"]`) {
			p.fatalf("not submitted: %s", p.text("main"))
		}
		p.click("#gaps-link")
		if !p.exists(`#gap-articles tr[data-article="5"] [data-status="implemented"]`) || !p.exists(`#gap-articles tr[data-article="6"] [data-status="partially_implemented"]`) {
			p.errorf("gap statuses: %s", p.text("#gap-articles"))
		}
		if !p.exists(`#needs tr[data-need="tip-6-6"] [data-priority="high"]`) {
			p.errorf("the assistance need is not in the gap summary: %s", p.text("main"))
		}
		logout(p)
	})
	b.step(t, "analyst_draws_and_assigns", func(p *tab) {
		login(p, srv, analyst)
		p.open("/omnibus/cycles/new")
		p.do("instrument", chromedp.SetValue(chromedp.CSS("#f-instrument"), "tip-protocol"))
		p.fill("#f-cycle", "2027–2028")
		p.fill("#f-seed", "20270101")
		p.fill("#f-under_review", "ISL,KEN")
		p.click("#preview-button")
		if !p.exists(`#preview-pairs tr[data-under-review="ISL"]`) || !p.exists(`#preview-pairs tr[data-under-review="KEN"]`) {
			p.fatalf("the preview: %s", p.text("main"))
		}
		p.click("#commit-button")
		m := cyclePath.FindStringSubmatch(p.path())
		if m == nil {
			p.fatalf("after the draw the browser is on %s", p.path())
		}
		cycle = m[1]
		reviewISL = eval[string](p, `document.querySelector('#pairs tr[data-under-review="ISL"]').dataset.review`)
		reviewKEN = eval[string](p, `document.querySelector('#pairs tr[data-under-review="KEN"]').dataset.review`)
		same := p.text(`#pairs tr[data-under-review="ISL"] [data-reviewer="same"]`)
		if same == "" || same == "Iceland" {
			p.errorf("Iceland's reviewer from its group: %q", same)
		}
		for review, who := range map[string]string{reviewISL: expert.Email, reviewKEN: other.Email} {
			p.open("/omnibus/reviews/" + review)
			p.fill("#f-email", who)
			p.click("#assign-button")
			if !p.exists(`#members [data-role="expert"]`) {
				p.fatalf("no expert on review %s: %s", review, p.text("#secretariat"))
			}
		}
		logout(p)
	})
	b.step(t, "reviewer_comments_and_drafts", func(p *tab) {
		login(p, srv, expert)
		p.open("/home")
		p.open("/omnibus/reviews/" + reviewISL)
		p.check("#art-5 summary") // opens the article
		typeIn(p, `form.comment-form[data-question="tip-5-1"] textarea`, "Which courts have applied article 227 a?")
		p.click(`form.comment-form[data-question="tip-5-1"] button`)
		if !p.exists(`#self-assessment [data-comment]`) {
			p.fatalf("the comment is not shown: %s", p.text("#self-assessment"))
		}
		p.do("kind", chromedp.SetValue(chromedp.CSS("#f-kind"), "gap"))
		p.do("article", chromedp.SetValue(chromedp.CSS("#f-article"), "6"))
		typeIn(p, "#f-body", "Victims' compensation is only partly available.")
		p.click("#add-observation")
		noConfirm(p)
		p.click("#send-button")
		if !p.exists(`#review-status[data-status="with_state"]`) {
			p.fatalf("the list is not with the State: %s", p.text("main"))
		}
		logout(p)
	})
	b.step(t, "state_agrees", func(p *tab) {
		login(p, srv, focal)
		p.open("/omnibus/reviews/" + reviewISL)
		p.click("#answer-button")
		if !p.exists(`#review-status[data-status="answered"]`) {
			p.fatalf("the State's answer is not recorded: %s", p.text("main"))
		}
		logout(p)
	})
	summary := "Iceland criminalizes trafficking in persons; compensation for victims is a gap."
	b.step(t, "analyst_publishes_the_summary", func(p *tab) {
		login(p, srv, analyst)
		p.open("/omnibus/reviews/" + reviewISL)
		typeIn(p, "#f-summary", summary)
		p.click("#publish-button")
		if !p.exists(`#review-status[data-status="published"]`) {
			p.fatalf("not published: %s", p.text("main"))
		}
		logout(p)
	})
	b.step(t, "public_reads_the_summary", func(p *tab) {
		p.open("/omnibus/reviews/" + reviewISL + "/summary")
		if got := p.text("#summary"); got != summary {
			p.errorf("the public summary: %q", got)
		}
		p.open("/omnibus/cycles/" + cycle)
		if !p.exists(`#pairs tr[data-under-review="ISL"] [data-status="published"] a`) {
			p.errorf("the cycle does not link the published summary")
		}
		if got := status(p, "/omnibus/reviews/"+reviewKEN+"/summary"); got != 404 {
			p.errorf("Kenya's unpublished summary: %d, want 404", got)
		}
	})
	b.step(t, "other_reviewer_is_refused", func(p *tab) {
		login(p, srv, other)
		p.open("/omnibus/reviews/" + reviewKEN)
		for _, path := range []string{"/omnibus/reviews/" + reviewISL, "/omnibus/assessments/" + assessment,
			"/omnibus/assessments/" + assessment + "/gaps"} {
			if got := status(p, path); got != 403 {
				p.errorf("GET %s as Kenya's reviewer: %d, want 403", path, got)
			}
		}
		if strings.Contains(p.text("main"), summary) {
			p.errorf("the refusal page shows the summary")
		}
	})
}

func atoi(s string) int64 {
	var n int64
	fmt.Sscan(s, &n)
	return n
}
