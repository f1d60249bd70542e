package treaty_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo/geotest"
	"github.com/tipsom/tipsom/internal/treaty"
)

// untcTables are the three status tables the strategy's figures come from.
var untcTables = map[string]string{"untoc": "untc_18-12.csv", "tip-protocol": "untc_18-12-a.csv", "som-protocol": "untc_18-12-b.csv"}

// readTable returns the shared UNTC table of instrument, skipping the test
// when the shared data folder is absent.
func readTable(t *testing.T, instrument string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "data", "treaties", untcTables[instrument]))
	if os.IsNotExist(err) {
		t.Skip("shared/data/treaties is not here")
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// newService returns a seeded treaty service on a migrated database whose
// countries are seeded too (the actions refer to them).
func newService(t *testing.T, d *db.DB) (*treaty.Service, *treaty.Resolver) {
	t.Helper()
	g := geotest.Seeded(t, d)
	s := treaty.NewService(d)
	if err := s.Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s, treaty.NewResolver(g.Countries())
}

func importText(t *testing.T, s *treaty.Service, res *treaty.Resolver, instrument, csv string) treaty.ImportResult {
	t.Helper()
	table, err := treaty.Parse(strings.NewReader(csv), res)
	if err != nil {
		t.Fatalf("parse %s: %v", instrument, err)
	}
	r, err := s.Import(context.Background(), auth.System("test"), instrument, table)
	if err != nil {
		t.Fatalf("import %s: %v", instrument, err)
	}
	return r
}

func auditCount(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := d.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestStrategyCounts is the Done-when check: the three UNTC tables
// give, as at 29 February 2012, the 166, 147 and 129 parties the strategy
// cites — and the counts at other dates follow the stored dates.
func TestStrategyCounts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, res := newService(t, d)
		for _, in := range []string{"untoc", "tip-protocol", "som-protocol"} {
			importText(t, s, res, in, readTable(t, in))
		}
		ctx := context.Background()
		for _, tc := range []struct {
			asOf                 string
			untoc, tip, som, eus int
		}{
			{asOf: "2012-02-29", untoc: 166, tip: 147, som: 129, eus: 1},
			{asOf: "2003-09-29", untoc: 52, tip: 41, som: 37}, // the Convention's entry into force
			{asOf: "2003-12-25", untoc: 59, tip: 45, som: 40}, // the Trafficking Protocol's
			{asOf: "2004-01-28", untoc: 59, tip: 45, som: 40}, // the Smuggling Protocol's
			{asOf: "2012-12-31", untoc: 173, tip: 154, som: 135, eus: 1},
			{asOf: "2001-06-04", untoc: 0, tip: 0, som: 0}, // the day before the first ratification
		} {
			c, err := s.Counts(ctx, date(tc.asOf))
			if err != nil {
				t.Fatal(err)
			}
			got := [3]int{c["untoc"].Parties, c["tip-protocol"].Parties, c["som-protocol"].Parties}
			if got != [3]int{tc.untoc, tc.tip, tc.som} {
				t.Errorf("as at %s: %v, want [%d %d %d]", tc.asOf, got, tc.untoc, tc.tip, tc.som)
			}
			if c["untoc"].Parties-c["untoc"].States != tc.eus {
				t.Errorf("as at %s: %d parties, %d States", tc.asOf, c["untoc"].Parties, c["untoc"].States)
			}
			parties, err := s.Parties(ctx, "untoc", date(tc.asOf))
			if err != nil || len(parties) != tc.untoc {
				t.Errorf("Parties(untoc, %s) = %d, %v", tc.asOf, len(parties), err)
			}
		}
		if _, err := s.Parties(ctx, "nope", date("2012-02-29")); !errs.Is(err, errs.KindNotFound) {
			t.Errorf("unknown instrument: %v", err)
		}
	})
}

// TestDatesRoundTrip checks dates come back from either engine as written.
func TestDatesRoundTrip(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, res := newService(t, d)
		importText(t, s, res, "uncac", "Participant,Signature,Ratification\nIceland,29 Feb 2004,31 Dec 2010 A\nEuropean Union,15 Sep 2005,\n")
		acts, err := s.Actions(context.Background(), "uncac")
		if err != nil || len(acts) != 2 {
			t.Fatalf("actions: %v %v", acts, err)
		}
		eu, isl := acts[0], acts[1]
		if !isl.Signature.Equal(date("2004-02-29")) || !isl.Consent.Equal(date("2010-12-31")) || isl.Kind != treaty.KindAcceptance ||
			isl.Signature.Location() != time.UTC || isl.ISO3 != "ISL" {
			t.Errorf("Iceland: %+v", isl)
		}
		if !eu.Signature.Equal(date("2005-09-15")) || !eu.Consent.IsZero() || eu.Kind != "" || eu.ISO3 != "" {
			t.Errorf("EU: %+v", eu)
		}
	})
}

// TestImportIsIdempotentAndAudited checks a second import of the same table
// writes nothing, and a newer table's changes are each audited.
func TestImportIsIdempotentAndAudited(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, res := newService(t, d)
		if err := s.Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		base := auditCount(t, d)
		csv := readTable(t, "untoc")
		first := importText(t, s, res, "untoc", csv)
		if first.Added != 185 || auditCount(t, d) != base+185 {
			t.Fatalf("first import: %+v, %d audit entries", first, auditCount(t, d)-base)
		}
		after := auditCount(t, d)
		again := importText(t, s, res, "untoc", csv)
		if again != (treaty.ImportResult{Read: 185, Unchanged: 185}) || auditCount(t, d) != after {
			t.Fatalf("re-import: %+v, %d new audit entries", again, auditCount(t, d)-after)
		}
		// A newer table: Iceland's date corrected, Barbados ratifies, Zimbabwe gone.
		newer := strings.Replace(csv, "Iceland,13 Dec 2000,13 May 2010", "Iceland,13 Dec 2000,14 May 2010", 1)
		newer = strings.Replace(newer, "Barbados,26 Sep 2001,", "Barbados,26 Sep 2001,11 Nov 2014", 1)
		newer = strings.Replace(newer, "Zimbabwe,12 Dec 2000,12 Dec 2007\n", "", 1)
		got := importText(t, s, res, "untoc", newer)
		if got != (treaty.ImportResult{Read: 184, Changed: 2, Removed: 1, Unchanged: 182}) {
			t.Fatalf("newer table: %+v", got)
		}
		rows, err := d.SQL().Query(`SELECT action, entity_id, actor FROM audit_log WHERE id > $1 ORDER BY id`, after)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var entries []string
		for rows.Next() {
			var action, entity, actor string
			rows.Scan(&action, &entity, &actor)
			entries = append(entries, action+" "+entity+" "+actor)
		}
		want := "treaty_action.update untoc/BRB system:test|treaty_action.update untoc/ISL system:test|treaty_action.remove untoc/ZWE system:test"
		if strings.Join(entries, "|") != want {
			t.Errorf("audit entries:\n%s\nwant\n%s", strings.Join(entries, "|"), want)
		}
		c, _ := s.Counts(context.Background(), date("2010-05-13"))
		c2, _ := s.Counts(context.Background(), date("2010-05-14"))
		if c2["untoc"].Parties != c["untoc"].Parties+1 {
			t.Errorf("Iceland's corrected date: %d then %d", c["untoc"].Parties, c2["untoc"].Parties)
		}
	})
}

// TestImportRules checks who may import and what an import refuses.
func TestImportRules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, res := newService(t, d)
		table, err := treaty.Parse(strings.NewReader("Participant,Signature,Ratification\nIceland,13 Dec 2000,\n"), res)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		analyst := &auth.Principal{UserID: 1, Roles: []auth.Role{auth.RoleAnalyst}}
		if _, err := s.Import(ctx, analyst, "untoc", table); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("analyst import: %v", err)
		}
		if _, err := s.Import(ctx, nil, "untoc", table); !errs.Is(err, errs.KindUnauthorised) {
			t.Errorf("anonymous import: %v", err)
		}
		editor := &auth.Principal{UserID: 1, Email: "ed@example.org", Roles: []auth.Role{auth.RoleEditor}}
		if _, err := s.Import(ctx, editor, "nope", table); errs.As(err).FieldKey("instrument") != "err.treaty_unknown_instrument" {
			t.Errorf("unknown instrument: %v", err)
		}
		if r, err := s.Import(ctx, editor, "untoc", table); err != nil || r.Added != 1 {
			t.Errorf("editor import: %+v %v", r, err)
		}
		n := auditCount(t, d)
		if err := s.Seed(ctx); err != nil || auditCount(t, d) != n {
			t.Errorf("second seed wrote %d audit entries (%v)", auditCount(t, d)-n, err)
		}
	})
}

// TestReservationsKept checks a table without a reservations column leaves
// stored texts alone, and one with the column updates them (audited).
func TestReservationsKept(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, res := newService(t, d)
		with := "Participant,Signature,Ratification,Reservations and declarations\nCuba,13 Dec 2000,9 Feb 2007,\"Declaration under article 35, paragraph 3.\"\n"
		if r := importText(t, s, res, "untoc", with); r.Added != 1 {
			t.Fatalf("first: %+v", r)
		}
		if r := importText(t, s, res, "untoc", "Participant,Signature,Ratification\nCuba,13 Dec 2000,9 Feb 2007\n"); r.Unchanged != 1 {
			t.Fatalf("without the column: %+v", r)
		}
		acts, _ := s.Actions(context.Background(), "untoc")
		if len(acts) != 1 || acts[0].Reservations != "Declaration under article 35, paragraph 3." {
			t.Fatalf("reservations lost: %+v", acts)
		}
		if r := importText(t, s, res, "untoc", strings.Replace(with, "paragraph 3", "paragraph 2", 1)); r.Changed != 1 {
			t.Fatalf("changed text: %+v", r)
		}
	})
}
