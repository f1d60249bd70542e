package authorities

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/profile"
)

// sectionData is the directory's part of a country profile: counts and a
// link, never contact details, so showing it is not a personal-data read.
type sectionData struct {
	Entries int    `json:"entries"`
	Stale   int    `json:"stale"`
	Href    string `json:"href"`
}

// CountrySection implements profile.Provider. Officials with a second
// factor see how many entries the country has and how many are stale;
// everyone else sees nothing, not even that a directory exists.
func (h *Web) CountrySection(r *http.Request, iso3 string) (*profile.Section, error) {
	by := auth.FromContext(r.Context())
	if !canRead(by) {
		return nil, nil
	}
	n, err := h.Svc.CountOf(r.Context(), by, iso3)
	if err != nil {
		return nil, err
	}
	d := sectionData{Entries: n.Entries, Stale: n.Stale, Href: countryPath(iso3)}
	html, err := h.UI.Fragment(r, "authorities/section", d)
	if err != nil {
		return nil, err
	}
	return &profile.Section{ID: "authorities", Title: "authorities.profile_title", HTML: html, Data: d}, nil
}
