package caselaw

import "net/http"

// analysisPage shows cases by year and country (chart and table), the
// share of defendants convicted and the median imprisonment by country and
// purpose of exploitation.
func (h *Web) analysisPage(w http.ResponseWriter, r *http.Request) error {
	a, err := h.Svc.Analyse(r.Context())
	if err != nil {
		return err
	}
	d, err := h.analysisView(h.UI.Localizer(r), a)
	return h.UI.ShowRead(w, r, "caselaw/analysis", "caselaw.analysis_title", d, err)
}
