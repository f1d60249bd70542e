package app

import "github.com/tipsom/tipsom/internal/geo"

// geoCapability wires the geo room.
func (a *App) geoCapability() (capability, error) {
	return capability{name: "geo", openAPI: geo.OpenAPI}, nil
}
