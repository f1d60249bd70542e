package app

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"slices"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/authorities"
	"github.com/tipsom/tipsom/internal/bodies"
	"github.com/tipsom/tipsom/internal/caselaw"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/engagement"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/htmlpdf"
	"github.com/tipsom/tipsom/internal/knowledge"
	"github.com/tipsom/tipsom/internal/notify"
	"github.com/tipsom/tipsom/internal/omnibus"
	"github.com/tipsom/tipsom/internal/profile"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/stats/collection"
	"github.com/tipsom/tipsom/internal/treaty"
	"github.com/tipsom/tipsom/internal/trustfund"
	"github.com/tipsom/tipsom/internal/web"
	"github.com/tipsom/tipsom/questionnaires"
	"github.com/tipsom/tipsom/ui"
)

// Rooms are the services of tipsom's capabilities, each built once, in
// newRooms, from explicit arguments. The pages, the command line and the
// tests all reach a room through these fields; nothing else builds one.
type Rooms struct {
	Notify      *notify.Service // the plumbing of tasks, notices and mail, which every room reports to
	Geo         *geo.Service
	Treaty      *treaty.Service
	Bodies      *bodies.Service
	Authorities *authorities.Service
	Stats       *stats.Service
	Collection  *collection.Service
	Caselaw     *caselaw.Service
	Report      *report.Service
	Omnibus     *omnibus.Service
	Trustfund   *trustfund.Service
	Knowledge   *knowledge.Service
	Engagement  *engagement.Service
	// Search is the one search index every room writes its public
	// documents to.
	Search *search.Index
}

// newRooms builds every room's service in dependency order and seeds the
// reference data each ships with (db.Seeds: the binary's items are written
// again when their shipped version changes, editors' items once).
func newRooms(ctx context.Context, d *db.DB, cfg Config, cat *web.Catalog, n *notify.Service, accounts *auth.Service) (*Rooms, error) {
	r := &Rooms{Notify: n}
	var err error
	if r.Search, err = search.New(d, cfg.SearchCacheMB<<20); err != nil {
		return nil, err
	}
	r.Geo = geo.NewService(d)
	r.Geo.Index = r.Search
	cat.Places = r.Geo.PlaceName // pages name countries, never show their codes (Localizer.Place)
	if err := r.Geo.Seed(ctx); err != nil {
		return nil, fmt.Errorf("seed countries and groupings: %w", err)
	}
	r.Treaty = treaty.NewService(d)
	if err := r.Treaty.Seed(ctx); err != nil {
		return nil, fmt.Errorf("seed treaty instruments: %w", err)
	}
	r.Bodies = bodies.NewService(d)
	r.Bodies.Index = r.Search
	if err := r.Bodies.Seed(ctx); err != nil {
		return nil, fmt.Errorf("seed coordination bodies: %w", err)
	}
	r.Authorities = authorities.NewService(d, r.Geo.Known)
	r.Stats = stats.NewService(d, r.Geo)
	r.Collection = collection.NewService(d, r.Stats, r.Geo)
	r.Collection.RegionName = func(code string) string { return regionNameEN(cat, code) }
	if r.Caselaw, err = newCaselaw(d, r.Search, cfg, r.Geo, cat); err != nil {
		return nil, err
	}
	if r.Report, err = report.NewService(d, r.Stats, r.Geo, cat, ui.Roots()); err != nil {
		return nil, err
	}
	set, err := omnibus.LoadSet(questionnaires.Files, func(id string) bool { _, ok := treaty.InstrumentByID(id); return ok })
	if err != nil {
		return nil, err
	}
	r.Omnibus = omnibus.NewService(d, set, r.Treaty, r.Geo, accounts, r.Search)
	if err := r.Omnibus.Seed(ctx); err != nil {
		return nil, fmt.Errorf("index the questionnaires: %w", err)
	}
	r.Trustfund = trustfund.NewService(d, r.Geo, accounts, r.Search)
	r.Knowledge = knowledge.NewService(d, r.Geo.Known, r.Search)
	r.Knowledge.Kinds = searchKinds
	r.Engagement = engagement.NewService(d, r.Geo, r.Treaty, r.Omnibus, r.Search)
	// What each room waits on people for, and the events it tells them of.
	n.Plug(r.Stats)
	r.Omnibus.Notices = n.Plug(r.Omnibus)
	r.Trustfund.Notices = n.Plug(r.Trustfund)
	r.Knowledge.Notices = n.Plug(r.Knowledge)
	r.Collection.Notices = n.Plug(r.Collection)
	r.Caselaw.Notices = n.Plug(r.Caselaw)
	r.Report.Notices = n.Plug(r.Report)
	r.Engagement.Notices = n.Plug(r.Engagement)
	return r, nil
}

// newCaselaw builds the case law service with its own search index:
// countries are checked against geo and placed in their M49 region for the
// region facet; keyword labels come from the catalogue, so keywords are
// found by their names in the six languages. Several services (the
// server's, the command line's) share the data and stay in step through
// the index's generation counter.
func newCaselaw(d *db.DB, ix *search.Index, cfg Config, g *geo.Service, cat *web.Catalog) (*caselaw.Service, error) {
	region := func(iso3 string) string {
		c, _ := g.Country(iso3)
		return c.Region
	}
	label := func(lang, key string) string {
		l, _ := web.LangByCode(lang)
		return cat.For(l).T(key)
	}
	return caselaw.NewService(d, ix, g.Known, region, label, cfg.ListCacheMB<<20), nil
}

// searchKinds are the kinds of document the rooms write to the one
// search, which the Knowledge Hub's search spans.
var searchKinds = []string{knowledge.DocResource, knowledge.DocPractice, knowledge.DocNews, knowledge.DocEvent,
	"case", "legislation", geo.DocCountry, bodies.DocBody, omnibus.DocSummary, omnibus.DocArticle, trustfund.DocProject,
	engagement.DocAdopter, engagement.DocCampaign}

// sitemapPages are the public pages the sitemap lists beside the search's
// documents: home, about, every built room's front page (read when asked,
// since the shell learns which rooms are built after they register) and
// the lists behind them.
func sitemapPages(ui *web.UI) []string {
	out := []string{"/", "/about"}
	for _, n := range ui.Site.Nav {
		out = append(out, n.Path)
	}
	return append(out, "/legislation", "/knowledge/resources", "/knowledge/practices", "/knowledge/news")
}

// regionNameEN names an M49 region in English, as the published layout does.
func regionNameEN(cat *web.Catalog, code string) string {
	if code == "" {
		return ""
	}
	return cat.For(web.DefaultLang).T("geo.m49." + code)
}

// capability is one room as the app wires it: its catalogue, its API
// description and its pages. Adding a room is adding one entry to
// capabilities (docs/architecture.md walks through it).
type capability struct {
	name    string
	locales fs.FS
	openAPI []byte
	// pages builds the room's handlers on the built rooms and the UI.
	pages func(r *Rooms, ui *web.UI) registrar
}

// registrar is a room's web side: its routes and pages. Rooms with a part
// in the country profile also implement profile.Provider.
type registrar interface {
	Register(rt *web.Router) error
}

// capabilities is the one list of rooms, in the order their routes are
// registered. The order of the country profile's sections is profileOrder.
func capabilities() []capability {
	return []capability{
		{name: "notify", locales: notify.Locales, openAPI: notify.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar { return &notify.Web{Svc: r.Notify, UI: ui} }},
		{name: "geo", locales: geo.Locales, openAPI: geo.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar { return &geo.Web{Svc: r.Geo, UI: ui} }},
		{name: "treaty", locales: treaty.Locales, openAPI: treaty.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar { return treaty.NewWeb(r.Treaty, r.Geo, ui) }},
		{name: "bodies", locales: bodies.Locales, openAPI: bodies.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar { return &bodies.Web{Svc: r.Bodies, UI: ui} }},
		{name: "authorities", locales: authorities.Locales, openAPI: authorities.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar {
				return &authorities.Web{Svc: r.Authorities, UI: ui, Geo: r.Geo}
			}},
		{name: "stats", locales: stats.Locales, openAPI: stats.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar { return &stats.Web{Svc: r.Stats, UI: ui} }},
		{name: "collection", locales: collection.Locales, openAPI: collection.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar { return &collection.Web{Svc: r.Collection, UI: ui} }},
		{name: "caselaw", locales: caselaw.Locales, openAPI: caselaw.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar { return &caselaw.Web{Svc: r.Caselaw, UI: ui, Geo: r.Geo} }},
		{name: "report", locales: report.Locales, openAPI: report.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar { return &report.Web{Svc: r.Report, UI: ui} }},
		{name: "omnibus", locales: omnibus.Locales, openAPI: omnibus.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar {
				return &omnibus.Web{Svc: r.Omnibus, UI: ui, Geo: r.Geo, Printer: htmlpdf.Printer{Chromium: os.Getenv("TIPSOM_CHROMIUM")}}
			}},
		{name: "trustfund", locales: trustfund.Locales, openAPI: trustfund.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar { return &trustfund.Web{Svc: r.Trustfund, UI: ui, Geo: r.Geo} }},
		{name: "knowledge", locales: knowledge.Locales, openAPI: knowledge.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar {
				feeds := append(slices.Clone(knowledge.Feeds), knowledge.Feed{Name: "caselaw", Kinds: []string{"case"}, Title: "feed.title", Page: "/caselaw"})
				return &knowledge.Web{Svc: r.Knowledge, UI: ui, Geo: r.Geo, Feeds: feeds, Pages: func() []string { return sitemapPages(ui) }}
			}},
		{name: "engagement", locales: engagement.Locales, openAPI: engagement.OpenAPI,
			pages: func(r *Rooms, ui *web.UI) registrar { return &engagement.Web{Svc: r.Engagement, UI: ui, Geo: r.Geo} }},
	}
}

// profileOrder is the order of the country profile's sections, by room.
// A room whose pages implement profile.Provider must be listed here (a
// test checks it).
var profileOrder = []string{"treaty", "stats", "caselaw", "omnibus", "trustfund", "engagement", "knowledge", "authorities"}

// NewCatalog loads every catalogue: the shell's and each room's, merged
// over it.
func NewCatalog() (*web.Catalog, error) {
	var sources []fs.FS
	for _, c := range capabilities() {
		sources = append(sources, c.locales)
	}
	return web.NewCatalog(sources...)
}

// registerRooms registers every room's routes and collects the profile
// sections in profileOrder.
func (a *App) registerRooms(rt *web.Router) (map[string][]byte, error) {
	fragments := map[string][]byte{}
	providers := map[string]profile.Provider{}
	for _, c := range capabilities() {
		h := c.pages(a.Rooms, a.UI)
		if err := h.Register(rt); err != nil {
			return nil, fmt.Errorf("%s: %w", c.name, err)
		}
		fragments[c.name] = c.openAPI
		if p, ok := h.(profile.Provider); ok {
			providers[c.name] = p
		}
	}
	for _, name := range profileOrder {
		p, ok := providers[name]
		if !ok {
			return nil, fmt.Errorf("profile order names %s, which has no profile section", name)
		}
		a.sections = append(a.sections, p)
		delete(providers, name)
	}
	for name := range providers {
		return nil, fmt.Errorf("%s has a profile section but is not in profileOrder", name)
	}
	return fragments, nil
}

// sectionsOf asks each section provider in order for its part of iso3's
// profile.
func (a *App) sectionsOf(r *http.Request, iso3 string) ([]profile.Section, error) {
	var out []profile.Section
	for _, p := range a.sections {
		s, err := p.CountrySection(r, iso3)
		if err != nil {
			return nil, err
		}
		if s != nil {
			out = append(out, *s)
		}
	}
	return out, nil
}

// RegionNameEN names an M49 region in English, as the published layout
// does (the command line's export writes it).
func (a *App) RegionNameEN(code string) string { return regionNameEN(a.UI.Catalog, code) }
