package e2e_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/db"
)

// TestDemoTour follows every link of the main navigation and of the home
// page of the demo `make run` serves, as an anonymous visitor and signed
// in as each demo account: every one opens (200, no 404 or 500) and none
// is a "coming" page; every page shows the demo banner. The anonymous tour
// runs axe-core on each page; the signed-in ones, which see the same pages
// with an account menu, only load them (the tour is long enough).
func TestDemoTour(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	srv := apptest.Start(t, db.SQLite, func(c *app.Config) { c.Demo = true })
	accounts, err := srv.App.LoadDemo(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, execPath, axe, srv.URL)
	tour := func(p *tab, axe bool) {
		p.open("/")
		links := eval[[]string](p, `[...new Set([...document.querySelectorAll(".main-nav a[href], main a[href]")]
			.map(a => a.getAttribute("href")).filter(h => h.startsWith("/") && !h.startsWith("/lang/")))]`)
		if len(links) < 5 {
			p.fatalf("the home page and the navigation have %d links: %v", len(links), links)
		}
		for _, href := range links {
			if axe {
				p.open(href)
			} else {
				visit(p, href)
			}
			if p.exists("[data-coming]") {
				p.errorf("%s, linked from the menu or the home page, is a coming page", href)
			}
			if !p.exists("#demo-banner") {
				p.errorf("%s has no demo banner", href)
			}
		}
	}
	const limit = 5 * time.Minute // a dozen pages, the treaty tables and maps among them
	b.stepWithin(t, "anonymous", limit, func(p *tab) { tour(p, true) })
	for _, a := range accounts {
		u := apptest.User{Email: a.Email, Password: a.Password, Secret: a.TOTPSecret}
		b.stepWithin(t, string(a.Role), limit, func(p *tab) {
			login(p, srv, u)
			tour(p, false)
			logout(p)
		})
	}
}

// visit loads path and checks that it answers 200, without axe-core.
func visit(p *tab, path string) {
	p.t.Helper()
	res, err := chromedp.Run(p.ctx, chromedp.NavigateResponse(p.b.base+path))
	if err != nil {
		p.fatalf("open %s: %v", path, err)
	}
	if res == nil {
		p.fatalf("open %s: no response", path)
	}
	if res.Status != 200 {
		p.fatalf("open %s: status %d, want 200", path, res.Status)
	}
}
