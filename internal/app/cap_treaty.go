package app

import (
	"context"

	"github.com/tipsom/tipsom/internal/treaty"
)

// treatyCapability wires the treaty room: the instruments are seeded at
// start (idempotently), names of participants are resolved against geo's
// countries, and the room contributes the treaty section of country profiles.
func (a *App) treatyCapability() (capability, error) {
	svc := treaty.NewService(a.DB)
	if err := svc.Seed(context.Background()); err != nil {
		return capability{}, err
	}
	h := treaty.NewWeb(svc, a.Geo, a.UI)
	return capability{name: "treaty", openAPI: treaty.OpenAPI, register: h.Register, section: h}, nil
}
