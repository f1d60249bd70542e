package e2e_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/intake"
)

// judgmentPDF writes a one-page PDF judgment showing lines to a file.
func judgmentPDF(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "judgment.pdf")
	if err := os.WriteFile(path, intake.TextPDF(lines...), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCaselaw: an editor adds a case with its PDF judgment; the identifier
// check flags a phone number in the summary; the editor fixes it, adds a
// French summary and publishes. The public then finds the case by a word
// of the PDF and by a French query without accents, narrows the results by
// facets and opens the permanent URL. axe-core checks every page.
func TestCaselaw(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	srv, _ := startApp(t)
	editor := srv.CreateUserWithTOTP(t, "editor@e2e.example.org", auth.RoleEditor)
	pdf := judgmentPDF(t, "IN THE FEDERAL HIGH COURT OF NIGERIA", "The accused kept the victims in a compound in Zamfara.")
	b := startBrowser(t, execPath, axe, srv.URL)

	b.step(t, "sign_in", func(p *tab) { signIn(p, srv, editor) })
	b.step(t, "create_with_judgment", func(p *tab) {
		p.open("/caselaw/new")
		p.fill("#f-id", "NGA-2019-001")
		p.do("choose the country", chromedp.SetValue(chromedp.CSS("#f-country"), "NGA"))
		p.check("#f-crime_types-trafficking_in_persons")
		p.fill("#f-title", "Federal Republic of Nigeria v. A. and B.")
		p.fill("#f-court", "Federal High Court, Lagos")
		p.do("choose the level", chromedp.SetValue(chromedp.CSS("#f-court_level"), "first_instance"))
		p.do("set the date", chromedp.SetValue(chromedp.CSS("#f-decision_date"), "2019-05-02"))
		p.do("write the summary", chromedp.SetValue(chromedp.CSS("#f-summary"), "The accused recruited three women by deception for sexual exploitation. Witness reachable on +234 803 555 0199."))
		p.check("#f-keywords\\.acts-recruitment")
		p.check("#f-keywords\\.means-deception")
		p.check("#f-keywords\\.purposes-sexual_exploitation")
		p.do("choose the judgment", chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{pdf}))
		p.click("#save-case")
		if got := p.path(); got != "/caselaw/NGA-2019-001" {
			p.fatalf("after saving the browser is on %s", got)
		}
		if !p.exists(`#findings li[data-kind="phone"]`) || p.exists("#publish-case") {
			p.fatalf("the phone number is not flagged, or publication is offered:\n%s", p.text("main"))
		}
		if !strings.Contains(p.text("main"), "judgment.pdf") {
			p.errorf("the judgment is not attached")
		}
	})
	b.step(t, "fix_and_publish", func(p *tab) {
		p.click("#edit-case")
		p.do("write the summary", chromedp.SetValue(chromedp.CSS("#f-summary"), "The accused recruited three women by deception for sexual exploitation."))
		p.click("#save-case")
		if p.exists("#findings") {
			p.fatalf("the fixed summary is still flagged: %s", p.text("#findings"))
		}
		p.open("/caselaw/NGA-2019-001/edit?text_lang=fr")
		p.do("write the summary", chromedp.SetValue(chromedp.CSS("#f-summary"), "Les victimes ont été recrutées par tromperie et hébergées à Kano."))
		p.click("#save-case")
		p.click("#publish-case")
		if got := p.text(".flash"); !strings.Contains(got, "published") {
			p.errorf("flash after publishing = %q", got)
		}
	})
	b.step(t, "sign_out", signOut)
	b.step(t, "public_search", func(p *tab) {
		p.open("/caselaw?q=zamfara")
		if !p.exists(`.caselaw-hit[data-case="NGA-2019-001"]`) {
			p.fatalf("a word of the PDF does not find the case:\n%s", p.text("main"))
		}
		p.open("/caselaw?q=recrutees+hebergees")
		if !p.exists(`.caselaw-hit[data-case="NGA-2019-001"] mark`) {
			p.fatalf("the French query without accents does not find the case:\n%s", p.text("main"))
		}
		p.check("#facet-country-NGA")
		p.check("#facet-purposes-sexual_exploitation")
		p.click("#apply-facets")
		if q := eval[string](p, `location.search`); !strings.Contains(q, "country=NGA") || !strings.Contains(q, "purposes=sexual_exploitation") {
			p.errorf("the facets are not in the URL: %s", q)
		}
		if !p.exists(`#facet-country-NGA:checked`) || !p.exists(`.caselaw-hit[data-case="NGA-2019-001"]`) {
			p.fatalf("narrowed results lost the case:\n%s", p.text("main"))
		}
		p.click(`.caselaw-hit[data-case="NGA-2019-001"] h3 a`)
		if got := p.path(); got != "/caselaw/NGA-2019-001" {
			p.fatalf("the hit opens %s, not the permanent URL", got)
		}
		if main := p.text("main"); !strings.Contains(main, "Federal High Court, Lagos") || strings.Contains(main, "0199") {
			p.errorf("the public page is wrong:\n%s", main)
		}
	})
}
