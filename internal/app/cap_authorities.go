package app

import "github.com/tipsom/tipsom/internal/authorities"

// authoritiesCapability wires the directory of competent national
// authorities. It runs after geo, whose country table it checks codes
// against and names countries from; its profile section shows officials
// how many entries a country has and how many are stale.
func (a *App) authoritiesCapability() (capability, error) {
	svc := authorities.NewService(a.DB, a.Geo.Known)
	h := &authorities.Web{Svc: svc, UI: a.UI, Geo: a.Geo}
	return capability{name: "authorities", openAPI: authorities.OpenAPI, register: h.Register, section: h}, nil
}
