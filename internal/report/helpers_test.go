package report_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
)

// analyst is who imports and builds in these tests.
var analyst = &auth.Principal{UserID: 1, Email: "analyst@example.org", Roles: []auth.Role{auth.RoleAnalyst}, MFA: true}

// samplePath is UNODC's published sample (Albania, Bolivia, Nigeria,
// Thailand and the aggregate SAM).
func samplePath(t testing.TB, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "data", "glotip", name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Skipf("sample data: %v", err)
	}
	return p
}

// importFile imports a file in the published layout, writing what is valid.
func importFile(t testing.TB, s *stats.Service, name string, data []byte) {
	t.Helper()
	rep, err := s.Import(context.Background(), analyst, name, data, stats.ImportOptions{AcceptFindings: true})
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	if !rep.Stored && !rep.Unchanged {
		t.Fatalf("import %s stored nothing: %+v", name, rep.Findings)
	}
}

// eachWithSample runs fn on every engine with the app started and the
// sample imported (startWithSample).
func eachWithSample(t *testing.T, fn func(t *testing.T, srv *apptest.Server, svc *report.Service)) {
	t.Helper()
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		srv, svc := startWithSample(t, e)
		fn(t, srv, svc)
	})
}

// startWithSample starts the app on engine e with the sample imported, and
// returns it with its report service.
func startWithSample(t *testing.T, e db.Dialect) (*apptest.Server, *report.Service) {
	t.Helper()
	srv := apptest.Start(t, e)
	data, err := os.ReadFile(samplePath(t, "sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	importFile(t, srv.App.Rooms.Stats, "sample.csv", data)
	svc := srv.App.Rooms.Report
	return srv, svc
}
