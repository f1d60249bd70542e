package knowledge

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/profile"
	"github.com/tipsom/tipsom/internal/web"
)

// sectionData is the Hub's part of a country profile.
type sectionData struct {
	ISO3      string
	Resources *Listing
	Practices *Listing
	Lang      string
}

// CountrySection implements profile.Provider: the resources and good
// practices that concern the country.
func (h *Web) CountrySection(r *http.Request, iso3 string) (*profile.Section, error) {
	lang := web.LangOf(r).Code
	d := sectionData{ISO3: iso3, Lang: lang}
	var err error
	for k, dst := range map[Kind]**Listing{KindResource: &d.Resources, KindPractice: &d.Practices} {
		if *dst, err = h.Svc.List(r.Context(), Browse{Kind: k, Filters: map[string][]string{"country": {iso3}}, Page: 1, Lang: lang}); err != nil {
			return nil, err
		}
	}
	if d.Resources.Total+d.Practices.Total == 0 {
		return nil, nil
	}
	html, err := h.UI.Fragment(r, "knowledge/section", d)
	if err != nil {
		return nil, err
	}
	return &profile.Section{ID: "knowledge", Title: "knowledge.profile_title", HTML: html,
		Data: map[string]any{"resources": d.Resources.Total, "practices": d.Practices.Total}}, nil
}
