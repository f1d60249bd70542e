package app

import "github.com/tipsom/tipsom/internal/authorities"

// authoritiesCapability wires the authorities room.
func (a *App) authoritiesCapability() (capability, error) {
	return capability{name: "authorities", openAPI: authorities.OpenAPI}, nil
}
