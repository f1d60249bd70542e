package authorities

import (
	"embed"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

//go:embed templates
var templates embed.FS

// Countries is what the directory needs of the geo room: names, and the
// countries of an M49 region.
type Countries interface {
	Country(iso3 string) (geo.Country, bool)
	Filter(f geo.CountryFilter, lang string) []geo.Country
}

// Web holds the directory's pages, its JSON API and its profile section.
type Web struct {
	Svc *Service
	UI  *web.UI
	Geo Countries
}

// formLimit caps the body of the directory's forms and API requests.
const formLimit = 64 << 10

// Register adds the room's pages and routes. Reading needs an official's
// role and a second factor (contact details are personal data); changing
// needs the country's focal point or an admin, which the service checks.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("authorities", templates, "templates/*.html", "templates/partials/*.html"); err != nil {
		return err
	}
	read, edit, small := readPolicy(), editPolicy(), web.BodyLimit(formLimit)
	rt.Handle("GET /authorities", read, h.overview)
	rt.Handle("GET /countries/{iso3}/authorities", read, h.countryPage)
	rt.Handle("POST /countries/{iso3}/authorities", edit, h.create, small)
	rt.Handle("POST /countries/{iso3}/authorities/{id}", edit, h.update, small)
	rt.Handle("POST /countries/{iso3}/authorities/{id}/confirm", edit, h.confirm, small)
	rt.Handle("POST /countries/{iso3}/authorities/{id}/delete", edit, h.remove, small)
	rt.Handle("GET /api/v1/countries/{iso3}/authorities", read, h.apiList)
	rt.Handle("POST /api/v1/countries/{iso3}/authorities", edit, h.apiCreate, small)
	rt.Handle("GET /api/v1/authorities/{id}", read, web.ByID(h.apiGet))
	rt.Handle("PUT /api/v1/authorities/{id}", edit, web.UpdateByID(h.apiUpdate), small)
	rt.Handle("DELETE /api/v1/authorities/{id}", edit, web.DoByID(h.apiDelete))
	rt.Handle("POST /api/v1/authorities/{id}/confirm", edit, web.ByID(h.apiConfirm), small)
	return nil
}

// countryOf returns the country named by the {iso3} path value, in any case.
func (h *Web) countryOf(r *http.Request) (geo.Country, error) {
	c, ok := h.Geo.Country(strings.ToUpper(r.PathValue("iso3")))
	if !ok {
		return geo.Country{}, errs.NotFound()
	}
	return c, nil
}

// countryPath is the directory page of iso3.
func countryPath(iso3 string) string { return "/countries/" + iso3 + "/authorities" }

type overviewRow struct {
	Country geo.Country
	Count   Count
}

type overviewData struct {
	Rows          []overviewRow
	Region        string
	Regions       []string
	Subregions    []string
	Intermediates []string
	Total         Count // over the rows shown
	WithEntries   int   // rows with at least one entry
	Own           string
}

// overview lists every country (of a region, when filtered) with its number
// of entries and of stale ones, so gaps and out-of-date countries show.
func (h *Web) overview(w http.ResponseWriter, r *http.Request) error {
	region := strings.TrimSpace(r.URL.Query().Get("region"))
	if region != "" && !geo.IsRegionCode(region) {
		return errs.BadParam("region", "err.authorities_unknown_region", "Code", region)
	}
	by := auth.FromContext(r.Context())
	counts, err := h.Svc.Counts(r.Context(), by)
	if err != nil {
		return err
	}
	d := overviewData{Region: region}
	d.Regions, d.Subregions, d.Intermediates = geo.RegionCodes()
	if by.Has(auth.RoleFocalPoint) {
		d.Own = by.Country
	}
	for _, c := range h.Geo.Filter(geo.CountryFilter{Region: region}, web.LangOf(r).Code) {
		n := counts[c.ISO3]
		d.Rows = append(d.Rows, overviewRow{Country: c, Count: n})
		d.Total.Entries, d.Total.Stale = d.Total.Entries+n.Entries, d.Total.Stale+n.Stale
		if n.Entries > 0 {
			d.WithEntries++
		}
	}
	return h.UI.Show(w, r, "authorities/overview", "authorities.title", d)
}

// countryPage shows a country's entries grouped by function, with the forms
// for those who may edit; ?edit=ID puts that entry in the form.
func (h *Web) countryPage(w http.ResponseWriter, r *http.Request) error {
	c, err := h.countryOf(r)
	if err != nil {
		return err
	}
	if c.ISO3 != r.PathValue("iso3") {
		http.Redirect(w, r, countryPath(c.ISO3), http.StatusMovedPermanently)
		return nil
	}
	d, err := h.countryData(r, c)
	if err != nil {
		return err
	}
	if edit := r.URL.Query().Get("edit"); edit != "" && d.CanEdit {
		if d.Edit = d.find(edit); d.Edit == nil {
			return errs.NotFound()
		}
		d.Values = formValues(d.Edit, d.Today)
	}
	return h.UI.Show(w, r, "authorities/country", "authorities.title", d)
}

// countryData reads c's entries (an audited read) and prepares the page.
func (h *Web) countryData(r *http.Request, c geo.Country) (*countryData, error) {
	by := auth.FromContext(r.Context())
	entries, err := h.Svc.ForCountry(r.Context(), by, c.ISO3)
	if err != nil {
		return nil, err
	}
	today := h.Svc.Today()
	d := &countryData{Country: c, CanEdit: canEdit(by, c.ISO3), Functions: Functions(), Channels: Channels(),
		Today: today, lang: web.LangOf(r).Code, Values: url.Values{"last_confirmed": {today.Format(time.DateOnly)}}}
	for _, f := range Functions() {
		g := functionGroup{Function: f}
		for _, a := range entries {
			if a.Function == f {
				g.Entries = append(g.Entries, a)
			}
		}
		if len(g.Entries) > 0 {
			d.Groups = append(d.Groups, g)
		}
	}
	d.Count.Entries = len(entries)
	for _, a := range entries {
		if a.Stale {
			d.Count.Stale++
		}
	}
	return d, nil
}
