package e2e_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tipsom/tipsom/data"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/caselaw"
	"github.com/tipsom/tipsom/internal/intake"
)

// TestKnowledgeHub: a partner organisation submits a resource with its PDF;
// an editor accepts it; the public finds it and a court decision with one
// query in the one search, filters by type, and opens the resource, whose
// PDF downloads. axe-core checks every page.
func TestKnowledgeHub(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	srv, editor := startAppWith(t, "editor@e2e.example.org", auth.RoleEditor)
	partner := srv.CreateUserIn(t, "partner@e2e.example.org", "", "PARTNER-KEN", auth.RoleNGO)
	// A published court decision that speaks of the same thing.
	sys := auth.System("test")
	c := caselaw.Case{ID: "KEN-2022-001", CrimeTypes: []string{"trafficking_in_persons"}, Country: "KEN", Court: "High Court at Mombasa",
		CourtLevel: "first_instance", DecisionDate: "2022-03-14", Title: "Republic v. M.K.", Languages: []string{"en"},
		Summary:  map[string]string{"en": "Fishermen held in debt bondage on a trawler were forced to work without pay."},
		Keywords: caselaw.Keywords{Acts: []string{"recruitment"}, Means: []string{"deception"}, Purposes: []string{"forced_labour"}}}
	if _, err := srv.App.Rooms.Caselaw.Save(t.Context(), sys, c, "seed"); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.App.Rooms.Caselaw.Publish(t.Context(), sys, c.ID, 1); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "manual.pdf")
	if err := os.WriteFile(pdf, intake.TextPDF("Screening fishing crews for debt bondage", "A checklist for labour inspectors at ports."), 0o644); err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, execPath, axe, srv.URL)
	var resource string

	b.step(t, "partner_submits_a_resource_with_a_pdf", func(p *tab) {
		login(p, srv, partner)
		p.open("/knowledge/contribute?kind=resource")
		p.fill("#f-title_en", "Port inspections for fishing crews")
		typeIn(p, "#f-summary_en", "How labour inspectors screen crews in ports.")
		p.do("type", chromedp.SetValue(chromedp.CSS("#f-type"), "tool"))
		p.fill("#f-publisher", "Partner Kenya")
		p.fill("#f-year", "2025")
		p.check("#topic-forced_labour")
		p.check("#lang-en")
		p.do("country", chromedp.SetValue(chromedp.CSS("#f-countries"), "KEN"))
		p.do("the PDF", chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{pdf}))
		p.click("#item-save")
		if !p.exists(`#item-status[data-status="submitted"]`) || !p.exists("#current-file") {
			p.fatalf("after submitting: %s on %s", p.text("main"), p.path())
		}
		resource = strings.TrimPrefix(p.path(), "/knowledge/contributions/")
		logout(p)
	})
	b.step(t, "the_public_does_not_find_it_yet", func(p *tab) {
		p.open("/search?q=bondage")
		if p.exists(`#hits [data-type="resource"]`) {
			p.fatalf("a contribution waiting for an editor is found")
		}
	})
	b.step(t, "editor_accepts_it", func(p *tab) {
		login(p, srv, editor)
		p.open("/home")
		if !p.exists(`a[href="/knowledge/contributions/` + resource + `"]`) {
			p.errorf("the editor's home has no task for the contribution")
		}
		p.open("/knowledge/contributions")
		p.click(`#contributions tr[data-item="` + resource + `"] a`)
		p.click("#accept")
		if p.path() != "/knowledge/resources/"+resource {
			p.fatalf("after accepting the browser is on %s", p.path())
		}
		logout(p)
	})
	b.step(t, "the_public_finds_it_and_the_decision_with_one_query", func(p *tab) {
		p.open("/")
		p.fill("#home-q", "debt bondage")
		p.click(`#home-search button[type=submit]`)
		if !p.exists(`#hits [data-type="resource"][data-id="`+resource+`"]`) || !p.exists(`#hits [data-type="case"][data-id="KEN-2022-001"]`) {
			p.fatalf("one query does not find both: %s", p.text("#hits"))
		}
		p.check(`#facet-type-case`)
		p.click("#apply-facets")
		if p.exists(`#hits [data-type="resource"]`) || !p.exists(`#hits [data-type="case"]`) {
			p.fatalf("filtered by type, the hits are: %s", p.text("#hits"))
		}
		p.check(`#facet-type-case`)
		p.check(`#facet-type-resource`)
		p.click("#apply-facets")
		if p.exists(`#hits [data-type="case"]`) {
			p.fatalf("filtered by resources, the hits are: %s", p.text("#hits"))
		}
		p.click(`#hits [data-id="` + resource + `"] a`)
		if !p.exists("#item-file") {
			p.fatalf("the resource page has no PDF: %s", p.text("main"))
		}
		if got := eval[string](p, `document.querySelector('meta[property="og:type"]').content`); got != "article" {
			p.errorf("og:type %q", got)
		}
	})
	b.step(t, "a_misspelt_query_is_corrected", func(p *tab) {
		p.open("/search?q=chekclist")
		if !p.exists("#did-you-mean #suggestion") {
			p.fatalf("no suggestion: %s", p.text("main"))
		}
		p.click("#suggestion")
		if !p.exists(`#hits [data-id="` + resource + `"]`) {
			p.fatalf("the suggestion does not find the resource")
		}
	})
}

// TestBlueHeart: Iceland's focal point applies for the Blue Heart, sees
// which terms of engagement Iceland meets (party to the Protocol, from the
// treaty status) and which need evidence, and gives it; an editor accepts
// the evidence and approves; the public map and list show Iceland.
func TestBlueHeart(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	srv, editor := startAppWith(t, "advocacy@e2e.example.org", auth.RoleEditor)
	rooms := srv.App.Rooms
	if err := rooms.Treaty.LoadDemo(t.Context(), data.Treaties(), rooms.Geo.Countries(), data.TreatiesRecordedOn, data.TreatiesSource); err != nil {
		t.Fatal(err)
	}
	focal := srv.CreateUserIn(t, "fp-isl@e2e.example.org", "ISL", "", auth.RoleFocalPoint)
	b := startBrowser(t, execPath, axe, srv.URL)
	var application string

	b.step(t, "focal_point_applies_and_sees_the_criteria", func(p *tab) {
		login(p, srv, focal)
		p.open("/blueheart/apply")
		if !p.exists(`#bluecriteria li[data-criterion="party"][data-status="met"]`) ||
			!p.exists(`#bluecriteria li[data-criterion="coordination"][data-status="needs_evidence"]`) {
			p.fatalf("Iceland's terms before applying: %s", p.text("#bluecriteria"))
		}
		p.fill("#f-name", "Blue Heart Iceland")
		p.do("date", chromedp.SetValue(chromedp.CSS("#f-adopt_on"), "2027-01-11"))
		typeIn(p, `textarea[name="evidence.criminalization"]`, "General Penal Code, article 227 a")
		typeIn(p, `textarea[name="evidence.action_plan"]`, "Action plan against trafficking 2025-2028")
		typeIn(p, `textarea[name="evidence.coordination"]`, "The national steering group on trafficking")
		p.click("#apply-button")
		if !strings.HasPrefix(p.path(), "/blueheart/applications/") || !p.exists(`#bluecriteria li[data-status="needs_evidence"]`) {
			p.fatalf("after applying: %s on %s", p.text("main"), p.path())
		}
		if p.exists("form#bluedecide") {
			p.errorf("the applicant is offered the decision")
		}
		application = p.path()
		logout(p)
	})
	b.step(t, "the_map_does_not_show_a_waiting_application", func(p *tab) {
		p.open("/blueheart")
		if p.exists(`table#adopters tr[data-country="ISL"]`) {
			p.fatalf("a waiting application is listed")
		}
	})
	b.step(t, "staff_accept_the_evidence_and_approve", func(p *tab) {
		login(p, srv, editor)
		p.open(application)
		for _, id := range eval[[]string](p, `[...document.querySelectorAll('form#bluedecide input[name=accept]')].map(e => e.id)`) {
			p.check("#" + id)
		}
		typeIn(p, "#f-reason", "The terms of engagement are met; the evidence was read.")
		p.click("#decide-button")
		if p.exists("[data-summary-error]") {
			p.fatalf("the decision was refused: %s", p.text("main"))
		}
		logout(p)
	})
	b.step(t, "the_public_map_shows_iceland", func(p *tab) {
		p.open("/blueheart")
		if !p.exists(`table#adopters tr[data-country="ISL"]`) {
			p.fatalf("Iceland is not in the list: %s", p.text("main"))
		}
		// Iceland is coloured as an adopter, its title says so.
		iceland := eval[string](p, `[...document.querySelectorAll('#bluemap path.country.m2 title')].map(t => t.textContent).join("|")`)
		if !strings.Contains(iceland, "Iceland") {
			p.errorf("the map colours as adopters: %q", iceland)
		}
	})
}
