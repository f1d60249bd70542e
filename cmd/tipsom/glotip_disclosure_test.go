package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// smallCounts is a file in the published layout with a count below five:
// Iceland's 3 male victims beside 12 in all and 9 women.
const smallCounts = `UNODC,x
30/05/2023
Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source
ISL,Iceland,Europe,Northern Europe,Detected trafficking victims,Total,Total,Total,Total,2022,Counts,12,test
ISL,Iceland,Europe,Northern Europe,Detected trafficking victims,Total,Total,Female,Total,2022,Counts,9,test
ISL,Iceland,Europe,Northern Europe,Detected trafficking victims,Total,Total,Male,Total,2022,Counts,3,test
`

// TestExportGLOTIPDisclosure: the export writes what the public API
// answers — the 3 as "<5", and the 9 that would give it away as "x" — and
// --stored-counts writes the counts as stored, saying they are not for
// publication.
func TestExportGLOTIPDisclosure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		url := dbtest.URL(t, e)
		in := filepath.Join(t.TempDir(), "small.csv")
		if err := os.WriteFile(in, []byte(smallCounts), 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := runCLI(t, "", "import", "glotip", "--db", url, in); err != nil {
			t.Fatalf("import: %v\n%s", err, out)
		}
		for _, c := range []struct {
			flags []string
			want  map[string]string
		}{
			{nil, map[string]string{"Total": "12", "Female": "x", "Male": "<5"}},
			{[]string{"--stored-counts"}, map[string]string{"Total": "12", "Female": "9", "Male": "3"}},
		} {
			file := filepath.Join(t.TempDir(), "export.csv")
			out, err := runCLI(t, "", append(append([]string{"export", "glotip", "--db", url}, c.flags...), file)...)
			if err != nil {
				t.Fatalf("export %v: %v\n%s", c.flags, err, out)
			}
			if stored := strings.Contains(out, "not for publication"); stored != (c.flags != nil) {
				t.Errorf("export %v says %q", c.flags, out)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			r := csv.NewReader(strings.NewReader(string(data)))
			r.FieldsPerRecord = -1 // two lines of metadata, then the layout
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, r := range rows[3:] {
				got[r[7]] = r[11] // Sex → txtVALUE
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("export %v (-want +got):\n%s", c.flags, diff)
			}
		}
	})
}
