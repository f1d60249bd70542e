package engagement

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/profile"
)

// CountrySection implements profile.Provider: the State's Blue Heart
// standing — its national campaign, the country's businesses and civil
// society adopters — and the awareness campaigns run there, public.
func (h *Web) CountrySection(r *http.Request, iso3 string) (*profile.Section, error) {
	st, err := h.Svc.StatusOf(r.Context(), iso3)
	if err != nil || st.Empty() {
		return nil, err
	}
	html, err := h.UI.Fragment(r, "engagement/section", st)
	if err != nil {
		return nil, err
	}
	data := map[string]any{"adopted": st.State != nil, "campaigns": len(st.Campaigns)}
	if st.State != nil {
		data["adopter"] = adopterJSON(st.State)
	}
	var others []AdopterJSON
	for _, a := range st.Others {
		others = append(others, adopterJSON(a))
	}
	data["others"] = others
	return &profile.Section{ID: "blueheart", Title: "blueheart.profile_title", HTML: html, Data: data}, nil
}
