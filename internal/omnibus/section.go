package omnibus

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/profile"
)

// sectionData is the room's part of a country profile: the State's
// reviews (public, as the draw is), and for those who may read them its
// self-assessments with their gap counts.
type sectionData struct {
	Reviews     []*Review        `json:"reviews"`
	Assessments []*Gaps          `json:"assessments,omitempty"`
	Links       map[string]int64 `json:"-"`
}

// CountrySection implements profile.Provider.
func (h *Web) CountrySection(r *http.Request, iso3 string) (*profile.Section, error) {
	rs, err := h.Svc.ReviewsOf(r.Context(), iso3)
	if err != nil {
		return nil, err
	}
	d := sectionData{Reviews: rs, Links: map[string]int64{}}
	for _, rv := range d.Reviews {
		if rv.Status != ReviewPublished {
			rv.StateAnswer, rv.StateComment, rv.Summary = "", "", ""
		}
	}
	by := auth.FromContext(r.Context())
	if by.HasAny(readersOfAssessments...) {
		for _, q := range h.Svc.Questionnaires() {
			g, err := h.Svc.Gaps(r.Context(), by, iso3, q.Instrument)
			if err == nil {
				d.Assessments = append(d.Assessments, g)
			}
		}
		as, err := h.Svc.Assessments(r.Context(), by)
		if err == nil {
			for _, a := range as {
				if a.Country == iso3 {
					d.Links[a.Instrument] = a.ID
				}
			}
		}
	}
	if len(d.Reviews) == 0 && len(d.Assessments) == 0 {
		return nil, nil
	}
	html, err := h.UI.Fragment(r, "omnibus/section", d)
	if err != nil {
		return nil, err
	}
	return &profile.Section{ID: "omnibus", Title: "omnibus.profile_title", HTML: html, Data: d}, nil
}
