package caselaw

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/profile"
)

// CountrySection is the case law part of a country profile: how many
// published decisions, the latest, and the country's legislation. It
// implements profile.Provider.
func (h *Web) CountrySection(r *http.Request, iso3 string) (*profile.Section, error) {
	cc, err := h.Svc.ForCountry(r.Context(), iso3)
	if err != nil {
		return nil, err
	}
	html, err := h.UI.Fragment(r, "caselaw/country", struct {
		ISO3 string
		*CountryCases
	}{iso3, cc})
	if err != nil {
		return nil, err
	}
	return &profile.Section{ID: "caselaw", Title: "caselaw.profile_title", HTML: html, Data: cc}, nil
}
