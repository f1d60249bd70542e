package omnibus

import (
	"net/http"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

type overviewData struct {
	O              *Overview
	Questionnaires []*Questionnaire
	Region         string
	Regions        []string
	Statuses       []Status
}

// overview is the regional view: articles × States as a heat map, with the
// count of States per status per article under it.
func (h *Web) overview(w http.ResponseWriter, r *http.Request) error {
	q, err := h.instrumentParam(r)
	if err != nil {
		return err
	}
	region := strings.TrimSpace(r.URL.Query().Get("region"))
	if region != "" && !geo.IsRegionCode(region) {
		return errs.BadParam("region", "err.omnibus_unknown_region")
	}
	var keep func(string) bool
	if region != "" {
		in := map[string]bool{}
		for _, c := range h.Geo.Filter(geo.CountryFilter{Region: region}, web.DefaultLang.Code) {
			in[c.ISO3] = true
		}
		keep = func(iso3 string) bool { return in[iso3] }
	}
	o, err := h.Svc.Overview(r.Context(), auth.FromContext(r.Context()), q.Instrument, keep)
	if err != nil {
		return err
	}
	d := overviewData{O: o, Questionnaires: h.Svc.Questionnaires(), Region: region, Statuses: Statuses}
	d.Regions, _, _ = geo.RegionCodes()
	return h.UI.Show(w, r, "omnibus/overview", "omnibus.overview_title", d)
}

type compareData struct {
	Questionnaires []*Questionnaire
	Q              *Questionnaire
	A, B           string
	GA, GB         *Gaps
	Countries      []geo.Country
}

// Status returns the status of article n in g ("" without g).
func (d compareData) Status(g *Gaps, n string) Status {
	if g == nil {
		return ""
	}
	for _, a := range g.Articles {
		if a.Article == n {
			return a.Status
		}
	}
	return ""
}

// compare sets two States' gap analyses side by side.
func (h *Web) compare(w http.ResponseWriter, r *http.Request) error {
	q, err := h.instrumentParam(r)
	if err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	d := compareData{Questionnaires: h.Svc.Questionnaires(), Q: q, Countries: h.Geo.Countries(),
		A: strings.ToUpper(r.URL.Query().Get("a")), B: strings.ToUpper(r.URL.Query().Get("b"))}
	for _, side := range []struct {
		iso3 string
		dst  **Gaps
	}{{d.A, &d.GA}, {d.B, &d.GB}} {
		if side.iso3 == "" {
			continue
		}
		if !h.Geo.Known(side.iso3) {
			return errs.BadParam("a", "err.country_unknown")
		}
		g, err := h.Svc.Gaps(r.Context(), by, side.iso3, q.Instrument)
		if err != nil && !errs.Is(err, errs.KindNotFound) {
			return err
		}
		*side.dst = g
	}
	return h.UI.Show(w, r, "omnibus/compare", "omnibus.compare_title", d)
}
