package app

import "github.com/tipsom/tipsom/internal/bodies"

// bodiesCapability wires the bodies room.
func (a *App) bodiesCapability() (capability, error) {
	return capability{name: "bodies", openAPI: bodies.OpenAPI}, nil
}
