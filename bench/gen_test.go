package bench

import (
	"bytes"
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/stats"
)

// TestGeneratedFilesImport proves the generator and the importer agree on a
// small file of each format: every row read, validated without a single
// finding (no errors, conflicts, duplicates, unresolved citizenships or
// breakdowns above their totals) and stored.
func TestGeneratedFilesImport(t *testing.T) {
	const rows = 2000
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		for _, format := range []string{"csv", "xlsx"} {
			s := newService(t, e)
			rep := importAll(t, s, "generated."+format, file(t, format, rows), rows)
			if len(rep.Findings) != 0 {
				t.Errorf("%s: %d findings, want none; first: %+v", format, len(rep.Findings), rep.Findings[0])
			}
			var n int
			if err := s.DB.SQL().QueryRow(`SELECT COUNT(*) FROM stat_observations`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != rows {
				t.Errorf("%s: %d observations stored, want %d", format, n, rows)
			}
		}
	})
}

// TestGenerateDeterministic: the same spec gives the same file, so figures
// measured on different days compare.
func TestGenerateDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	spec := Spec{Rows: 3000, Seed: 7}
	if err := WriteCSV(&a, spec); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&b, spec); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two generations of one spec differ")
	}
}

// TestGenerateRowCounts: the generator writes exactly the rows asked for,
// in the published layout, whatever the size.
func TestGenerateRowCounts(t *testing.T) {
	for _, rows := range []int{1, 199, 4001, 50_000} {
		n := 0
		err := Generate(Spec{Rows: rows, Seed: 1}, func(row []string) error {
			if len(row) != len(stats.Columns) {
				t.Fatalf("row of %d cells, want %d", len(row), len(stats.Columns))
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n != rows {
			t.Errorf("asked for %d rows, got %d", rows, n)
		}
	}
}

func TestFormatValue(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 3: "<5", 5: "5", 999: "999", 1000: "1,000", 1282: "1,282", 1234567: "1,234,567"} {
		if got := FormatValue(n); got != want {
			t.Errorf("FormatValue(%d) = %q, want %q", n, got, want)
		}
		if v, _ := stats.ParseValue(FormatValue(n)); n >= 5 && v != stats.Count(n) {
			t.Errorf("ParseValue(FormatValue(%d)) = %+v", n, v)
		}
	}
}
