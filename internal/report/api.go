package report

import (
	"encoding/base64"
	"encoding/hex"
	"net/http"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

func (h *Web) registerAPI(rt *web.Router) {
	pub := auth.Public()
	rt.Handle("GET /api/v1/reports", pub, h.apiList)
	rt.Handle("GET /api/v1/reports/{edition}", pub, h.apiEdition)
}

// editionJSON is an edition as the API answers it.
type editionJSON struct {
	EditionInfo
	URL      string `json:"url"`
	Manifest []File `json:"manifest,omitempty"`
}

func (h *Web) apiList(w http.ResponseWriter, r *http.Request) error {
	eds, err := h.Svc.Editions(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	out := make([]editionJSON, 0, len(eds))
	for _, e := range eds {
		out = append(out, editionJSON{EditionInfo: e, URL: e.URL()})
	}
	return web.WriteJSON(w, http.StatusOK, map[string]any{"editions": out})
}

func (h *Web) apiEdition(w http.ResponseWriter, r *http.Request) error {
	e, files, err := h.Svc.Edition(r.Context(), auth.FromContext(r.Context()), r.PathValue("edition"))
	if err != nil {
		return err
	}
	return web.WriteJSON(w, http.StatusOK, editionJSON{EditionInfo: *e, URL: e.URL(), Manifest: files})
}

// base64Hex re-encodes a hex digest in base64, as Repr-Digest writes it.
func base64Hex(h string) string {
	b, err := hex.DecodeString(h)
	if err != nil {
		return ""
	}
	return base64.StdEncoding.EncodeToString(b)
}
