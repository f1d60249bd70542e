package trustfund

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/web"
)

// apiSummary is the fund's public account in numbers.
func (h *Web) apiSummary(w http.ResponseWriter, r *http.Request) error {
	d, err := h.Svc.PublicDashboard(r.Context())
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, d.Summary)
}

func (h *Web) grantsCSV(w http.ResponseWriter, r *http.Request) error {
	d, err := h.Svc.PublicDashboard(r.Context())
	if err != nil {
		return err
	}
	data, err := WriteProjectsCSV(d.Projects)
	if err != nil {
		return err
	}
	return web.SendFile(w, "text/csv; charset=utf-8", "trustfund-grants.csv", data)
}

func (h *Web) iati(w http.ResponseWriter, r *http.Request) error {
	d, err := h.Svc.PublicDashboard(r.Context())
	if err != nil {
		return err
	}
	alpha2 := func(iso3 string) string {
		if c, ok := h.Geo.Country(iso3); ok {
			return c.ISO2
		}
		return ""
	}
	data, err := WriteIATI(d.Projects, alpha2, h.Svc.now())
	if err != nil {
		return err
	}
	return web.SendFile(w, "application/xml; charset=utf-8", "trustfund-iati.xml", data)
}
