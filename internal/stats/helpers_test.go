package stats_test

import (
	"context"
	"os"
	"testing"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
)

var ctx = context.Background()

func newService(t *testing.T, d *db.DB) *stats.Service {
	t.Helper()
	g := geo.NewService(d)
	if err := g.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	return stats.NewService(d, g)
}

func sample(t *testing.T, ext string) []byte {
	t.Helper()
	b, err := os.ReadFile("../../../shared/data/glotip/sample." + ext)
	if err != nil {
		t.Skipf("sample data: %v", err)
	}
	return b
}

var analyst = &auth.Principal{UserID: 1, Email: "analyst@example.org", Roles: []auth.Role{auth.RoleAnalyst}, MFA: true}

// importFile imports a file in the published layout, writing what is valid.
func importFile(t *testing.T, s *stats.Service, name string, data []byte) {
	t.Helper()
	if _, err := s.Import(ctx, analyst, name, data, stats.ImportOptions{AcceptFindings: true}); err != nil {
		t.Fatal(err)
	}
}
