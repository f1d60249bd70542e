package geo

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/web"
)

// CountryJSON is a country as GET /api/v1/countries lists it: names of the
// regions in English (M49's), with their codes alongside.
type CountryJSON struct {
	ISO3               string `json:"iso3"`
	ISO2               string `json:"iso2"`
	M49                string `json:"m49"`
	Name               string `json:"name"`
	Region             string `json:"region"`
	Subregion          string `json:"subregion"`
	IntermediateRegion string `json:"intermediate_region"`
	RegionCode         string `json:"region_code"`
	SubregionCode      string `json:"subregion_code"`
	IntermediateCode   string `json:"intermediate_region_code"`
}

// JSON renders c with names in lang (region names always from the catalogue).
func (h *Web) JSON(c Country, lang string) CountryJSON {
	en := h.UI.Catalog.For(web.DefaultLang)
	name := func(code string) string {
		if code == "" {
			return ""
		}
		return en.T("geo.m49." + code)
	}
	return CountryJSON{ISO3: c.ISO3, ISO2: c.ISO2, M49: c.M49, Name: c.Name(lang), Region: name(c.Region),
		Subregion: name(c.Subregion), IntermediateRegion: name(c.Intermediate), RegionCode: c.Region,
		SubregionCode: c.Subregion, IntermediateCode: c.Intermediate}
}

// apiLang is the ?lang= parameter, English by default.
func apiLang(r *http.Request) string {
	if l, ok := web.LangByCode(r.URL.Query().Get("lang")); ok {
		return l.Code
	}
	return "en"
}

func (h *Web) apiCountries(w http.ResponseWriter, r *http.Request) error {
	f, err := parseFilter(r)
	if err != nil {
		return err
	}
	lang := apiLang(r)
	out := []CountryJSON{}
	for _, c := range h.Svc.Filter(f, "en") {
		out = append(out, h.JSON(c, lang))
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"count": len(out), "countries": out})
}

func (h *Web) apiGroupings(w http.ResponseWriter, r *http.Request) error {
	gs, err := h.Svc.Groupings(r.Context())
	if err != nil {
		return err
	}
	if gs == nil {
		gs = []Grouping{}
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"groupings": gs})
}

func (h *Web) apiGrouping(w http.ResponseWriter, r *http.Request) error {
	g, err := h.Svc.Grouping(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, g)
}
