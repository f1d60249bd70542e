package app

import (
	"net/http"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

// registerProfile adds the country profile, which joins the reference data
// with every capability's section for the country.
func (a *App) registerProfile(rt *web.Router) {
	rt.Handle("GET /countries/{iso3}", auth.Public(), a.profilePage)
	rt.Handle("GET /api/v1/countries/{iso3}", auth.Public(), a.profileAPI)
}

// countryProfile gathers the profile of iso3 for r's user.
func (a *App) countryProfile(r *http.Request, iso3 string) (*geo.ProfileData, error) {
	c, ok := a.Rooms.Geo.Country(iso3)
	if !ok {
		return nil, errs.NotFound()
	}
	if c.ISO3 != iso3 {
		return nil, errs.NotFound() // lower-case codes redirect in the page handler
	}
	d := &geo.ProfileData{Country: c}
	var err error
	if d.Groups, err = a.Rooms.Geo.GroupsOf(r.Context(), c.ISO3); err != nil {
		return nil, err
	}
	if d.Population, err = a.Rooms.Geo.PopulationOf(r.Context(), c.ISO3); err != nil {
		return nil, err
	}
	if d.Sections, err = a.sectionsOf(r, c.ISO3); err != nil {
		return nil, err
	}
	return d, nil
}

func (a *App) profilePage(w http.ResponseWriter, r *http.Request) error {
	iso3 := r.PathValue("iso3")
	if up := strings.ToUpper(iso3); up != iso3 && a.Rooms.Geo.Known(up) {
		http.Redirect(w, r, "/countries/"+up, http.StatusMovedPermanently)
		return nil
	}
	d, err := a.countryProfile(r, iso3)
	return a.UI.ShowRead(w, r, "geo/profile", "geo.countries_title", d, err)
}

func (a *App) profileAPI(w http.ResponseWriter, r *http.Request) error {
	iso3 := strings.ToUpper(r.PathValue("iso3"))
	if !a.Rooms.Geo.Known(iso3) {
		return errs.NotFound()
	}
	d, err := a.countryProfile(r, iso3)
	if err != nil {
		return err
	}
	lang := "en"
	if l, ok := web.LangByCode(r.URL.Query().Get("lang")); ok {
		lang = l.Code
	}
	out := map[string]any{"country": (&geo.Web{Svc: a.Rooms.Geo, UI: a.UI}).JSON(d.Country, lang), "groupings": d.Groups, "population": d.Population}
	sections := map[string]any{}
	for _, s := range d.Sections {
		sections[s.ID] = s.Data
	}
	out["sections"] = sections
	return web.WriteJSON(w, http.StatusOK, out)
}
