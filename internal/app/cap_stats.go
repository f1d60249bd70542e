package app

import (
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/web"
)

// statsCapability wires the statistics room on the geo service.
func (a *App) statsCapability() (capability, error) {
	a.Stats = stats.NewService(a.DB, a.Geo)
	a.Notify.Plug(a.Stats)
	h := &stats.Web{Svc: a.Stats, UI: a.UI}
	return capability{name: "stats", openAPI: stats.OpenAPI, register: h.Register, section: h}, nil
}

// RegionNameEN names an M49 region in English, as the published layout does.
func (a *App) RegionNameEN(code string) string {
	if code == "" {
		return ""
	}
	return a.UI.Catalog.For(web.DefaultLang).T("geo.m49." + code)
}
