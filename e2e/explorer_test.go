package e2e_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
)

// realGLOTIP is UNODC's published file: the test is skipped without it
// (failed in CI).
func realGLOTIP(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../shared/data/glotip/data_glotip.xlsx")
	if err != nil {
		unavailable(t, "the real GLOTIP file is absent (../../shared/data/glotip/data_glotip.xlsx): %v", err)
	}
	return b
}

// explorerRow is one row of the explorer's table as the browser shows it.
type explorerRow struct {
	Code  string   `json:"code"`
	Label string   `json:"label"`
	Cells []string `json:"cells"`
}

const readExplorerTable = `Array.from(document.querySelectorAll("#explorer-table tbody tr:not(.total)")).map(tr => ({
  code: tr.dataset.code || "", label: tr.querySelector("th").textContent.trim(),
  cells: Array.from(tr.querySelectorAll("td")).map(td => td.classList.contains("num") ? td.textContent.trim() : "")}))`

var (
	westernDigit = regexp.MustCompile(`[0-9]`)
	arabicDigit  = regexp.MustCompile(`[\x{0660}-\x{0669}]`)
	bareCode     = regexp.MustCompile(`^[A-Z]{3}$`)
	arabicScript = regexp.MustCompile(`\p{Arabic}`)
)

// TestExplorerRealData reads the explorer with the real GLOTIP file in
// English and in Arabic: every row named in the reader's language (never
// a bare code), in the order of names (geo.SortByName, the reader's
// collation) or of values, and each table in one digit system.
func TestExplorerRealData(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	data := realGLOTIP(t)
	srv := apptest.Start(t, db.SQLite)
	by := &auth.Principal{UserID: 1, Email: "analyst@e2e.example.org", Roles: []auth.Role{auth.RoleAnalyst}, MFA: true}
	if _, err := srv.App.Rooms.Stats.Import(t.Context(), by, "data_glotip.xlsx", data, stats.ImportOptions{AcceptFindings: true}); err != nil {
		t.Fatal(err)
	}
	analyst := srv.CreateUser(t, "analyst@e2e.example.org", auth.RoleAnalyst)
	b := startBrowser(t, execPath, axe, srv.URL)

	b.step(t, "embed_page", func(p *tab) {
		p.open("/stats/explore/embed?view=bar&grouping=m49-region")
		if !p.exists("#explorer-table") || !p.exists(".chart svg") || !p.exists("#embed-source") {
			p.fatalf("the embed page lacks its table, chart or link back")
		}
	})
	b.step(t, "analyst_keeps_a_value_in_the_conflicts_queue", func(p *tab) {
		login(p, srv, analyst)
		p.open("/stats/conflicts?indicator=detected_victims")
		before := eval[string](p, `document.querySelector("#queue-count").dataset.total`)
		if before == "0" || !p.exists("[data-keep]") {
			p.fatalf("no conflict to decide: %s", p.text("main"))
		}
		p.click("[data-keep]")
		after := eval[string](p, `document.querySelector("#queue-count").dataset.total`)
		if a, _ := strconv.Atoi(after); strconv.Itoa(a+1) != before {
			p.fatalf("keeping a value left %s of %s conflicts", after, before)
		}
		if got := eval[string](p, `location.search`); got != "?indicator=detected_victims" {
			p.errorf("after keeping a value the queue lost its filter: %q", got)
		}
		logout(p)
	})

	for _, lang := range []string{"en", "ar"} {
		b.step(t, "explorer_by_name_"+lang, func(p *tab) {
			p.open("/")
			p.do("choose the language", chromedp.Evaluate[chromedp.Void](`document.cookie = "tipsom_lang=`+lang+`; path=/"`))
			p.open("/stats/explore?view=table&grouping=none")
			if got := eval[string](p, `document.documentElement.lang`); got != lang {
				p.fatalf("the page is in %q, want %q", got, lang)
			}
			rows := eval[[]explorerRow](p, readExplorerTable)
			if len(rows) < 100 {
				p.fatalf("%d countries in the explorer", len(rows))
			}
			names := make([]geo.Country, len(rows))
			for i, r := range rows {
				if bareCode.MatchString(r.Label) || r.Label == r.Code {
					p.errorf("row %s is shown as a bare code", r.Code)
				}
				if lang == "ar" && !arabicScript.MatchString(r.Label) {
					p.errorf("row %s is not named in Arabic: %q", r.Code, r.Label)
				}
				names[i] = geo.Country{ISO3: r.Code, Names: map[string]string{lang: r.Label}}
			}
			sorted := append([]geo.Country(nil), names...)
			geo.SortByName(sorted, lang)
			for i := range sorted {
				if sorted[i].ISO3 != names[i].ISO3 {
					p.fatalf("row %d is %s (%s), in name order it is %s (%s)", i+1, names[i].Names[lang], names[i].ISO3,
						sorted[i].Names[lang], sorted[i].ISO3)
				}
			}
			oneDigitSystem(p, lang)
		})
		b.step(t, "explorer_by_value_"+lang, func(p *tab) {
			p.open("/stats/explore?view=bar&grouping=none&sort=value")
			rows := eval[[]explorerRow](p, readExplorerTable)
			prev, ended := -1.0, false
			for _, r := range rows {
				x, ok := number(r.Cells[len(r.Cells)-1])
				switch {
				case !ok:
					ended = true
				case ended:
					p.fatalf("%s has a figure after rows without one", r.Label)
				case prev >= 0 && x > prev:
					p.fatalf("%s (%v) after %v: not largest first", r.Label, x, prev)
				default:
					prev = x
				}
			}
			if prev < 0 {
				p.fatalf("no figure in the last year")
			}
			oneDigitSystem(p, lang)
			if !p.exists(".chart svg") || !p.exists("#download-png:not([hidden])") || !p.exists("#download-svg:not([hidden])") {
				p.errorf("no chart, or its PNG and SVG downloads are not offered")
			}
			if !p.exists("#explorer-about") || !strings.Contains(p.text("#explorer-about"), "GLOTIP") {
				p.errorf("no source beside the figures")
			}
		})
	}
}

// number reads a count as the page shows it, in Western or Arabic-Indic
// digits with the language's grouping.
func number(s string) (float64, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 0x660 && r <= 0x669:
			b.WriteRune('0' + r - 0x660)
		case r == '.' || r == 0x66B:
			b.WriteRune('.')
		}
	}
	if b.Len() == 0 {
		return 0, false
	}
	x, err := strconv.ParseFloat(b.String(), 64)
	return x, err == nil
}

// oneDigitSystem checks the explorer's table — its year headings and its
// numbers — reads in one digit system: Arabic-Indic in Arabic, Western in
// English. Flags ("<5") are symbols, not numbers.
func oneDigitSystem(p *tab, lang string) {
	p.t.Helper()
	texts := eval[[]string](p, `Array.from(document.querySelectorAll("#explorer-table thead th, #explorer-table td.num")).map(e => e.textContent.trim())`)
	want, other := westernDigit, arabicDigit
	if lang == "ar" {
		want, other = arabicDigit, westernDigit
	}
	seen := 0
	for _, s := range texts {
		if other.MatchString(s) {
			p.fatalf("%q mixes digit systems in the %s table", s, lang)
		}
		if want.MatchString(s) {
			seen++
		}
	}
	if seen == 0 {
		p.fatalf("no number in the %s table", lang)
	}
}
