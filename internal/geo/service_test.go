package geo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/geo/geotest"
)

var ctx = context.Background()

func auditCount(t *testing.T, d *db.DB) int {
	var n int
	if err := d.SQL().QueryRow(`SELECT last_id FROM audit_head`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSeedIdempotent(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := geotest.Seeded(t, d)
		var n int
		d.SQL().QueryRow(`SELECT COUNT(*) FROM countries`).Scan(&n)
		if n != 249 {
			t.Fatalf("%d countries stored, want 249", n)
		}
		before := auditCount(t, d)
		if err := s.Seed(ctx); err != nil {
			t.Fatal(err)
		}
		if after := auditCount(t, d); after != before {
			t.Fatalf("second seed wrote %d audit entries", after-before)
		}
		gs, err := s.Groupings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		for _, g := range gs {
			counts[g.ID] = g.Countries
		}
		want := map[string]int{"m49-regions": 247, "m49-subregions": 247, "m49-intermediate-regions": 105, "un-regional-groups": 192}
		if diff := cmp.Diff(want, counts); diff != "" {
			t.Fatalf("grouping sizes (-want +got):\n%s", diff)
		}
		groups, err := s.GroupsOf(ctx, "KEN")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, g := range groups {
			got = append(got, g.GroupingID+"="+g.Group)
		}
		if diff := cmp.Diff([]string{"m49-intermediate-regions=014", "m49-regions=002", "m49-subregions=202", "un-regional-groups=african"}, got); diff != "" {
			t.Fatalf("groups of KEN (-want +got):\n%s", diff)
		}
	})
}

func TestGroupings(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := geotest.Seeded(t, d)
		analyst := &auth.Principal{UserID: 1, Email: "a@example.org", Roles: []auth.Role{auth.RoleAnalyst}}
		editor := &auth.Principal{UserID: 2, Email: "e@example.org", Roles: []auth.Role{auth.RoleEditor}}
		csv := "iso3,group\nKEN,Sub-Saharan Africa\nEGY,North Africa and the Middle East\nFRA,Western and Southern Europe\n"
		members, err := geo.ParseMembers(strings.NewReader(csv), s.Known)
		if err != nil {
			t.Fatal(err)
		}
		in := geo.GroupingInput{Name: "GLOTIP regions", Edition: "2024", Members: members}
		if _, err := s.SaveGrouping(ctx, editor, in); !errs.Is(err, errs.KindForbidden) {
			t.Fatalf("editor saving a grouping: %v", err)
		}
		g, err := s.SaveGrouping(ctx, analyst, in)
		if err != nil {
			t.Fatal(err)
		}
		if g.ID != "glotip-regions-2024" || g.Countries != 3 || len(g.Groups) != 3 {
			t.Fatalf("saved %+v", g)
		}
		// Replacing with the same name and edition keeps one grouping.
		in.Members = in.Members[:2]
		if g, err = s.SaveGrouping(ctx, analyst, in); err != nil || g.Countries != 2 {
			t.Fatalf("replace: %+v %v", g, err)
		}
		// A name whose id is a built-in grouping's would overwrite it.
		if _, err := s.SaveGrouping(ctx, analyst, geo.GroupingInput{Name: "M49 regions", Members: members}); errs.As(err).FieldKey("name") != "err.geo_system_grouping" {
			t.Fatalf("custom grouping over a built-in: %v", err)
		}
		if err := s.DeleteGrouping(ctx, analyst, "m49-regions"); !errs.Is(err, errs.KindConflict) {
			t.Fatalf("deleting a built-in grouping: %v", err)
		}
		if err := s.DeleteGrouping(ctx, analyst, "glotip-regions-2024"); err != nil {
			t.Fatal(err)
		}
		entries, _ := audit.List(ctx, d, audit.Filter{EntityType: "grouping"})
		if len(entries) != 3 {
			t.Fatalf("%d grouping audit entries, want 3", len(entries))
		}
		if _, err := audit.Verify(ctx, d); err != nil {
			t.Fatal(err)
		}
	})
}

func TestParseMembersReportsEveryBadLine(t *testing.T) {
	s := geo.NewService(nil)
	csv := "iso3,group\nKEN,East\nXXX,East\nken,East\nFRA,\n\nDEU,Europe,extra\n"
	_, err := geo.ParseMembers(strings.NewReader(csv), s.Known)
	e := errs.As(err)
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Field+" "+f.Key)
	}
	want := []string{"line 3 err.geo_unknown_country", "line 4 err.geo_member_twice_line", "line 5 err.geo_group_required", "line 7 err.geo_csv_columns"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	if _, err := geo.ParseMembers(strings.NewReader("country,region\nKEN,x\n"), s.Known); errs.As(err).FieldKey("line 1") != "err.geo_csv_header" {
		t.Fatalf("bad header: %v", err)
	}
}

func TestPopulationImport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := geotest.Seeded(t, d)
		by := auth.System("test")
		csv := "iso3,year,population\nKEN,2020,\"51,985,780\"\nKEN,2021,53005614\nISL,2021,372 520\n"
		rows, err := geo.ParsePopulation(strings.NewReader(csv), s.Known, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.ImportPopulation(ctx, by, rows, "test source")
		if err != nil || n != 3 {
			t.Fatalf("import: %d %v", n, err)
		}
		before := auditCount(t, d)
		if n, err := s.ImportPopulation(ctx, by, rows, "test source"); err != nil || n != 0 || auditCount(t, d) != before {
			t.Fatalf("second import changed %d figures", n)
		}
		pop, _ := s.PopulationOf(ctx, "KEN")
		if len(pop) != 2 || pop[0].Value != 51985780 {
			t.Fatalf("KEN population = %+v", pop)
		}
		bad := "iso3,year,population\nKEN,20x0,5\nZZZ,2020,5\nISL,2020,-4\nISL,2021,5\nISL,2021,6\n"
		_, err = geo.ParsePopulation(strings.NewReader(bad), s.Known, time.Now())
		if e := errs.As(err); len(e.Fields) != 4 || e.FieldKey("line 6") != "err.geo_population_twice" {
			t.Fatalf("bad file: %v", err)
		}
	})
}
