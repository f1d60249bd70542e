// Package geotest gives other packages' tests the reference room they all
// start from: the geography service with its countries and groupings
// seeded.
package geotest

import (
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/geo"
)

// Seeded returns the geography service on d after the start-up seeding.
func Seeded(t testing.TB, d *db.DB) *geo.Service {
	t.Helper()
	g := geo.NewService(d)
	if err := g.Seed(t.Context()); err != nil {
		t.Fatalf("seed geography: %v", err)
	}
	return g
}
