package app

import (
	"github.com/tipsom/tipsom/internal/stats/collection"
)

// collectionCapability wires the national data collection workflow on the
// statistics service (built before it): validation, published figures, and
// the English region names the questionnaire's layout writes.
func (a *App) collectionCapability() (capability, error) {
	svc := collection.NewService(a.DB, a.Stats, a.Geo)
	svc.RegionName = a.RegionNameEN
	svc.Notices = a.Notify.Plug(svc)
	h := &collection.Web{Svc: svc, UI: a.UI}
	return capability{name: "collection", openAPI: collection.OpenAPI, register: h.Register}, nil
}
