package app

import (
	"context"
	"fmt"

	"github.com/tipsom/tipsom/internal/bodies"
)

// bodiesCapability wires the coordination bodies room and seeds the bodies
// and memberships the strategy lists. Seeding inserts only what it has
// never inserted before, so it is safe at every start and leaves editors'
// changes alone.
func (a *App) bodiesCapability() (capability, error) {
	svc := bodies.NewService(a.DB)
	if err := svc.Seed(context.Background()); err != nil {
		return capability{}, fmt.Errorf("seed coordination bodies: %w", err)
	}
	h := &bodies.Web{Svc: svc, UI: a.UI}
	return capability{name: "bodies", openAPI: bodies.OpenAPI, register: h.Register}, nil
}
