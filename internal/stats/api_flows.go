package stats

import (
	"net/http"
	"strconv"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// apiFlows answers GET /api/v1/stats/flows?year=&grouping=&min=: a year's
// flows from the citizenship breakdown — each origin → destination figure,
// the matrix by group with its totals, the shares of domestic,
// intraregional and transregional victims per destination group, and the
// coverage — every figure under disclosure control. Names are English.
func (h *Web) apiFlows(w http.ResponseWriter, r *http.Request) error {
	get := r.URL.Query().Get
	q, err := ParseQuery(get, h.Svc.Geo.Known)
	if err != nil {
		return err
	}
	fq := FlowQuery{Indicator: q.Indicator, Sex: q.Sex, Age: q.Age, Year: q.Year, Grouping: get("grouping")}
	if s := get("min"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < DefaultMinFlow || n > 1000000 {
			return errs.BadParam("min", "err.stats_min_invalid", "Value", s, "Min", DefaultMinFlow)
		}
		fq.Min = n
	}
	fq = fq.withDefaults()
	if fq.Year == 0 {
		if fq.Year, err = h.Svc.LatestYear(r.Context(), fq.Indicator, DimCitizenship); err != nil {
			return err
		}
	}
	v := newViewer(h.UI.Catalog.For(web.DefaultLang), h.Svc.Geo)
	f, err := h.Svc.Flows(r.Context(), fq, v.namer())
	if err != nil {
		return err
	}
	if f.Flows == nil {
		f.Flows = []Flow{}
	}
	if f.Coverage.UnknownOrigins == nil {
		f.Coverage.UnknownOrigins = []UnknownLabel{}
	}
	return web.WriteJSON(w, http.StatusOK, struct {
		Year      int    `json:"year"`
		Indicator string `json:"indicator"`
		Sex       string `json:"sex"`
		Age       string `json:"age"`
		Min       int    `json:"min"`
		*Flows
	}{fq.Year, fq.Indicator, fq.Sex, fq.Age, fq.Min, f})
}
