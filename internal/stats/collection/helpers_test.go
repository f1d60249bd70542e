package collection_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo/geotest"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/stats/collection"
)

var ctx = context.Background()

// The people of the tests, as the service sees them.
var (
	analyst = &auth.Principal{UserID: 1, Email: "analyst@example.org", Roles: []auth.Role{auth.RoleAnalyst}, MFA: true, Method: "session"}
	fpISL   = &auth.Principal{UserID: 2, Email: "fp@example.is", Roles: []auth.Role{auth.RoleFocalPoint}, Country: "ISL", Method: "session"}
	fpKEN   = &auth.Principal{UserID: 3, Email: "fp@example.ke", Roles: []auth.Role{auth.RoleFocalPoint}, Country: "KEN", Method: "session"}
	editor  = &auth.Principal{UserID: 4, Email: "editor@example.org", Roles: []auth.Role{auth.RoleEditor}, Method: "session"}
)

// fixture is the workflow on a seeded database.
type fixture struct {
	d     *db.DB
	stats *stats.Service
	svc   *collection.Service
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	g := geotest.Seeded(t, d)
	st := stats.NewService(d, g)
	svc := collection.NewService(d, st, g)
	svc.Now = func() time.Time { return time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC) }
	return &fixture{d: d, stats: st, svc: svc}
}

// openRound opens a round on detected victims and persons convicted,
// 2022-2023.
func (f *fixture) openRound(t *testing.T) *collection.Round {
	t.Helper()
	r, err := f.svc.OpenRound(ctx, analyst, collection.RoundInput{Name: "GLOTIP 2024", Years: "2022-2023",
		Indicators: []string{"detected_victims", "convicted"}, Deadline: "2024-06-30"})
	if err != nil {
		t.Fatalf("open round: %v", err)
	}
	return r
}

// start returns by's submission to round r.
func (f *fixture) start(t *testing.T, by *auth.Principal, r *collection.Round) *collection.Submission {
	t.Helper()
	s, err := f.svc.Start(ctx, by, r.ID)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	return s
}

// dv is a detected-victims cell of 2022 with no breakdown but sex and age.
func dv(sex, age, value string) collection.DraftCell {
	return collection.DraftCell{CellKey: collection.CellKey{Indicator: "detected_victims", Year: 2022, Dimension: "total",
		Category: "Total", Sex: sex, Age: age}, Text: value}
}

// keys lists the message keys of problems.
func keys(ps []collection.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Key)
	}
	return out
}

// mustKind fails unless err is of kind k.
func mustKind(t *testing.T, what string, err error, k errs.Kind) {
	t.Helper()
	if !errs.Is(err, k) {
		t.Fatalf("%s: got %v, want kind %d", what, err, k)
	}
}

// publishedCSV is a file in the published layout holding rows.
func publishedCSV(rows ...string) []byte {
	return []byte("UNODC,x\n30/05/2023\n" + strings.Join(stats.Columns, ",") + "\n" + strings.Join(rows, "\n") + "\n")
}

// observation reads the stored figure of ISL's key, with its status and
// submission.
func observation(t *testing.T, d *db.DB, indicator, dim, cat, sex, age string, year int) (kind string, value int64, status string, sub int64) {
	t.Helper()
	var v, s *int64
	err := d.SQL().QueryRow(`SELECT value_kind, value, status, submission_id FROM stat_observations WHERE iso3 = 'ISL'
		AND indicator = $1 AND dimension = $2 AND category = $3 AND sex = $4 AND age = $5 AND year = $6`,
		indicator, dim, cat, sex, age, year).Scan(&kind, &v, &status, &s)
	if err != nil {
		t.Fatalf("read observation: %v", err)
	}
	if v != nil {
		value = *v
	}
	if s != nil {
		sub = *s
	}
	return kind, value, status, sub
}
