package e2e_test

import (
	"testing"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/db"
)

// TestDemoTour follows every link of the main navigation and of the home
// page of the demo `make run` serves, as an anonymous visitor and signed
// in as each demo account: every one opens (200, no 404 or 500, axe-core
// clean) and none is a "coming" page; every page shows the demo banner.
func TestDemoTour(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	srv := apptest.Start(t, db.SQLite, func(c *app.Config) { c.Demo = true })
	accounts, err := srv.App.LoadDemo(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, execPath, axe, srv.URL)
	tour := func(p *tab) {
		p.open("/")
		links := eval[[]string](p, `[...new Set([...document.querySelectorAll(".main-nav a[href], main a[href]")]
			.map(a => a.getAttribute("href")).filter(h => h.startsWith("/") && !h.startsWith("/lang/")))]`)
		if len(links) < 5 {
			p.fatalf("the home page and the navigation have %d links: %v", len(links), links)
		}
		for _, href := range links {
			p.open(href)
			if p.exists("[data-coming]") {
				p.errorf("%s, linked from the menu or the home page, is a coming page", href)
			}
			if !p.exists("#demo-banner") {
				p.errorf("%s has no demo banner", href)
			}
		}
	}
	b.step(t, "anonymous", tour)
	for _, a := range accounts {
		u := apptest.User{Email: a.Email, Password: a.Password, Secret: a.TOTPSecret}
		b.step(t, string(a.Role), func(p *tab) {
			login(p, srv, u)
			tour(p)
			logout(p)
		})
	}
}
