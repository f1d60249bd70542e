package caselaw

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

func (h *Web) apiLegislation(w http.ResponseWriter, r *http.Request) error {
	_, res, err := h.findLegislation(r)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, res)
}

func (h *Web) apiInstrument(w http.ResponseWriter, r *http.Request) error {
	in, err := h.Svc.Instrument(r.Context(), r.PathValue("instrument"))
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, in)
}

// apiSaveInstrument creates or replaces the instrument named in the path.
func (h *Web) apiSaveInstrument(w http.ResponseWriter, r *http.Request) error {
	var in Instrument
	if err := web.DecodeJSON(r, &in); err != nil {
		return err
	}
	in.ID = r.PathValue("instrument")
	saved, err := h.Svc.SaveInstrument(r.Context(), auth.FromContext(r.Context()), in)
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, saved)
}
