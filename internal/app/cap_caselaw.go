package app

import (
	"github.com/tipsom/tipsom/internal/caselaw"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// caselawCapability wires the case law and legislation database. Its
// profile section shows a country's decisions and legislation.
func (a *App) caselawCapability() (capability, error) {
	svc, err := a.Caselaw()
	if err != nil {
		return capability{}, err
	}
	svc.Notices = a.Notify.Plug(svc)
	h := &caselaw.Web{Svc: svc, UI: a.UI, Geo: a.Geo}
	return capability{name: "caselaw", openAPI: caselaw.OpenAPI, register: h.Register, section: h}, nil
}

// Caselaw builds a case law service on the app's database, with its own
// search index: countries are checked against geo and placed in their M49
// region for the region facet; keyword labels come from the catalogue, so
// keywords are found by their names in the six languages. Several services
// (the server's, the command line's) share the data and stay in step
// through the index's generation counter.
func (a *App) Caselaw() (*caselaw.Service, error) {
	ix, err := search.New(a.DB, a.Config.SearchCacheMB<<20)
	if err != nil {
		return nil, err
	}
	region := func(iso3 string) string {
		c, _ := a.Geo.Country(iso3)
		return c.Region
	}
	label := func(lang, key string) string {
		l, _ := web.LangByCode(lang)
		return a.UI.Catalog.For(l).T(key)
	}
	return caselaw.NewService(a.DB, ix, a.Geo.Known, region, label, a.Config.ListCacheMB<<20), nil
}
