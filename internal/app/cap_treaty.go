package app

import "github.com/tipsom/tipsom/internal/treaty"

// treatyCapability wires the treaty room.
func (a *App) treatyCapability() (capability, error) {
	return capability{name: "treaty", openAPI: treaty.OpenAPI}, nil
}
