package app

import (
	"context"

	"github.com/tipsom/tipsom/internal/geo"
)

// geoCapability wires the reference room of countries, groupings and
// population, seeding the country table and the built-in groupings.
func (a *App) geoCapability() (capability, error) {
	a.Geo = geo.NewService(a.DB)
	if err := a.Geo.Seed(context.Background()); err != nil {
		return capability{}, err
	}
	a.geoWeb = &geo.Web{Svc: a.Geo, UI: a.UI}
	return capability{name: "geo", openAPI: geo.OpenAPI, register: a.geoWeb.Register}, nil
}
