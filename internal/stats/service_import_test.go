package stats_test

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
)

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.SQL().QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func conflictLines(rep *stats.ImportReport) map[int]bool {
	out := map[int]bool{}
	for _, f := range rep.Findings {
		if f.Severity == stats.SevConflict {
			for _, l := range f.Lines {
				out[l] = true
			}
		}
	}
	return out
}

// TestSampleStrictFails: the published sample has conflicting keys (Bolivia
// 2017 among them) and a few blank categories, so a strict import writes
// nothing and reports every finding with its lines.
func TestSampleStrictFails(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		for _, ext := range []string{"xlsx", "csv"} {
			rep, err := s.Import(ctx, analyst, "sample."+ext, sample(t, ext), stats.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Stored || rep.Read != 2200 || rep.Conflicts != 23 {
				t.Fatalf("%s: stored=%v read=%d conflicts=%d", ext, rep.Stored, rep.Read, rep.Conflicts)
			}
			lines := conflictLines(rep)
			for _, l := range []int{1750, 1751, 1752, 1753} { // Bolivia 2017, female and male totals
				if !lines[l] {
					t.Errorf("%s: line %d not reported as a conflict", ext, l)
				}
			}
			if n := count(t, d, "stat_observations") + count(t, d, "stat_conflicts") + count(t, d, "stat_imports"); n != 0 {
				t.Fatalf("%s: strict import wrote %d rows", ext, n)
			}
		}
	})
}

// TestSampleAcceptFindings: with --accept-findings the valid rows are
// stored, the conflicts queued (Bolivia 2017 too), published aggregates kept
// apart; importing again — the same file or the XLSX twin — changes nothing.
func TestSampleAcceptFindings(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		rep, err := s.Import(ctx, analyst, "sample.csv", sample(t, "csv"), stats.ImportOptions{AcceptFindings: true})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Stored || rep.Queued != 23 {
			t.Fatalf("stored=%v queued=%d", rep.Stored, rep.Queued)
		}
		if n := count(t, d, "stat_aggregates"); n != 205 {
			t.Errorf("%d published aggregate rows (SAM), want 205", n)
		}
		cs, err := s.Conflicts(ctx, analyst, "open")
		if err != nil {
			t.Fatal(err)
		}
		bol := 0
		for _, c := range cs {
			if c.Key.ISO3 == "BOL" && c.Key.Year == 2017 && c.Key.Indicator == "detected_victims" && c.Key.Dimension == "total" {
				bol++
			}
		}
		if bol != 2 {
			t.Fatalf("Bolivia 2017 conflicts queued: %d, want 2 (female, male)", bol)
		}
		obs := count(t, d, "stat_observations")
		for _, again := range []struct{ name, ext string }{{"sample.csv", "csv"}, {"sample.xlsx", "xlsx"}} {
			rep, err = s.Import(ctx, analyst, again.name, sample(t, again.ext), stats.ImportOptions{AcceptFindings: true})
			if err != nil || rep.Stored || !rep.Unchanged {
				t.Fatalf("re-import of %s: stored=%v unchanged=%v %v", again.name, rep.Stored, rep.Unchanged, err)
			}
		}
		if count(t, d, "stat_observations") != obs || count(t, d, "stat_conflicts") != 23 || count(t, d, "stat_imports") != 1 {
			t.Fatal("re-import changed the database")
		}
	})
}

func agg(t *testing.T, s *stats.Service, q stats.Query) map[string]stats.AggregateRow {
	t.Helper()
	if err := q.RequireCell(); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Aggregate(ctx, q, "m49-region", func(g *geo.Grouping, group string) string { return group })
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]stats.AggregateRow{}
	for _, r := range rows {
		out[r.Code] = r
	}
	return out
}

func value(r stats.AggregateRow) int64 {
	if r.Value == nil {
		return -1
	}
	return *r.Value
}

// TestSampleAggregates checks sums over M49 regions against figures added
// up by hand from the sample file: SAM (a published aggregate) is never
// added, and a key in conflict takes no part until resolved.
func TestSampleAggregates(t *testing.T) {
	dbtest.RunWith(t, newService, func(t *testing.T, s *stats.Service) {
		importFile(t, s, "sample.csv", sample(t, "csv"))
		got := agg(t, s, stats.Query{Indicator: "detected_victims", Year: 2020})
		want := map[string]int64{"150": 86, "019": 305, "002": 1087, "142": 146, "009": -1, "world": 1624}
		for code, v := range want {
			if value(got[code]) != v {
				t.Errorf("detected victims 2020, %s: %d, want %d", code, value(got[code]), v)
			}
		}
		if got["world"].CountriesReporting != 4 || got["150"].CountriesReporting != 1 || got["150"].CountriesMissing < 40 {
			t.Errorf("coverage: world %+v, Europe %+v", got["world"], got["150"])
		}
		// Bolivia's female total for 2017 is in conflict: the Americas have no figure.
		got = agg(t, s, stats.Query{Indicator: "detected_victims", Year: 2017, Sex: "female"})
		if value(got["019"]) != -1 || value(got["world"]) != 60+1424+379 {
			t.Errorf("female 2017: Americas %d, world %d", value(got["019"]), value(got["world"]))
		}
		cs, _ := s.Conflicts(ctx, analyst, "open")
		for _, c := range cs {
			if c.Key.ISO3 == "BOL" && c.Key.Year == 2017 && c.Key.Sex == "female" && c.Key.Dimension == "total" {
				if err := s.ResolveConflict(ctx, analyst, c.ID, stats.Resolution{Value: "62", Comment: "national report p. 12"}); err != nil {
					t.Fatal(err)
				}
			}
		}
		got = agg(t, s, stats.Query{Indicator: "detected_victims", Year: 2017, Sex: "female"})
		if value(got["019"]) != 62 || value(got["world"]) != 60+1424+379+62 {
			t.Errorf("after resolving: Americas %d, world %d", value(got["019"]), value(got["world"]))
		}
	})
}

// TestRoundTrip: import → export (csv, xlsx, json) → import into an empty
// database gives the same observations.
func TestRoundTrip(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		importFile(t, s, "sample.xlsx", sample(t, "xlsx"))
		first := all(t, s)
		name := func(code string) string { return code }
		for _, format := range []string{stats.FormatCSV, stats.FormatXLSX} {
			var buf bytes.Buffer
			if _, err := s.Export(ctx, &buf, format, stats.ExportFilter{}, name); err != nil {
				t.Fatal(err)
			}
			d2 := dbtest.Open(t, d.Dialect)
			s2 := newService(t, d2)
			rep, err := s2.Import(ctx, analyst, "export."+format, buf.Bytes(), stats.ImportOptions{})
			if err != nil || !rep.Stored {
				t.Fatalf("%s: re-import stored=%v conflicts=%d %v", format, rep.Stored, rep.Conflicts, err)
			}
			if diff := cmp.Diff(first, all(t, s2)); diff != "" {
				t.Errorf("%s round trip differs (-first +second):\n%s", format, diff)
			}
		}
	})
}

// all returns every published observation as key → value text.
func all(t *testing.T, s *stats.Service) map[string]string {
	t.Helper()
	out := map[string]string{}
	for offset := 0; ; {
		obs, more, err := s.Observations(ctx, stats.Query{}, offset, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range obs {
			out[o.Key.String()] = o.Value.String() + "|" + o.CategoryISO3
		}
		offset += len(obs)
		if !more {
			return out
		}
	}
}
