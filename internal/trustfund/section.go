package trustfund

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/profile"
)

// CountrySection implements profile.Provider: the projects the fund
// finances in the country, public.
func (h *Web) CountrySection(r *http.Request, iso3 string) (*profile.Section, error) {
	ps, err := h.Svc.ProjectsOf(r.Context(), iso3)
	if err != nil || len(ps) == 0 {
		return nil, err
	}
	html, err := h.UI.Fragment(r, "trustfund/section", ps)
	if err != nil {
		return nil, err
	}
	return &profile.Section{ID: "trustfund", Title: "trustfund.profile_title", HTML: html, Data: map[string]any{"projects": ps}}, nil
}
