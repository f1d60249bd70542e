package engagement

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/web"
)

// apiAdopters lists the listed adopters as a bare array.
func (h *Web) apiAdopters(w http.ResponseWriter, r *http.Request) error {
	ads, err := h.Svc.Adopters(r.Context())
	if err != nil {
		return err
	}
	out := []AdopterJSON{}
	for _, a := range ads {
		out = append(out, adopterJSON(a))
	}
	return web.WriteJSON(w, http.StatusOK, out)
}

// apiCampaigns lists the campaigns with their evaluations as a bare array.
func (h *Web) apiCampaigns(w http.ResponseWriter, r *http.Request) error {
	cs, err := h.Svc.Campaigns(r.Context())
	if err != nil {
		return err
	}
	out := []CampaignJSON{}
	for _, c := range cs {
		out = append(out, campaignJSON(c))
	}
	return web.WriteJSON(w, http.StatusOK, out)
}
