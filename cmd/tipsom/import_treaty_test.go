package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestImportTreaty drives "tipsom import treaty" on both engines: the three
// UNTC tables print the strategy's counts as at 29 February 2012, a second
// import changes nothing, and a bad file fails listing every bad line.
func TestImportTreaty(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "treaties")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared/data/treaties is not here")
	}
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		url := dbtest.URL(t, e)
		for _, tc := range []struct{ instrument, file, want string }{
			{"untoc", "untc_18-12.csv", "untoc: 166 parties as at 2012-02-29 (165 States)"},
			{"tip-protocol", "untc_18-12-a.csv", "tip-protocol: 147 parties as at 2012-02-29 (146 States)"},
			{"som-protocol", "untc_18-12-b.csv", "som-protocol: 129 parties as at 2012-02-29 (128 States)"},
		} {
			out, err := runCLI(t, "", "import", "treaty", "--db", url, "--instrument", tc.instrument, "--as-of", "2012-02-29", filepath.Join(dir, tc.file))
			if err != nil || !strings.Contains(out, tc.want) {
				t.Fatalf("import %s: %q %v", tc.instrument, out, err)
			}
		}
		out, err := runCLI(t, "", "import", "treaty", "--db", url, "--instrument", "untoc", filepath.Join(dir, "untc_18-12.csv"))
		if err != nil || !strings.Contains(out, "185 participants read; 0 added, 0 changed, 0 removed, 185 unchanged") {
			t.Fatalf("re-import: %q %v", out, err)
		}

		bad := filepath.Join(t.TempDir(), "bad.csv")
		os.WriteFile(bad, []byte("Participant,Signature,Ratification\nIceland,13 Dec 2000,\nNarnia,12 Dec 2000,\nKenya,,16 Jun 2004 x\nJapan,12 Dex 2000,\n"), 0o600)
		_, err = runCLI(t, "", "import", "treaty", "--db", url, "--instrument", "uncac", bad)
		if err == nil {
			t.Fatal("bad file imported")
		}
		for _, want := range []string{`line 3: unknown participant "Narnia"`, `line 4: unknown kind "x"`, `line 5: unreadable date "12 Dex 2000"`} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error lacks %q:\n%v", want, err)
			}
		}
		if strings.Contains(err.Error(), "line 2") {
			t.Errorf("good line reported: %v", err)
		}
		if out, _ := runCLI(t, "", "import", "treaty", "--db", url, "--instrument", "uncac", "--as-of", "2030-01-01",
			filepath.Join(dir, "untc_18-12.csv")); !strings.Contains(out, "uncac: 185 participants read; 185 added") {
			t.Errorf("uncac after the refused file: %q", out)
		}
	})
	for _, args := range [][]string{
		{"import", "treaty", filepath.Join(dir, "untc_18-12.csv")},
		{"import", "treaty", "--instrument", "narnia", filepath.Join(dir, "untc_18-12.csv")},
		{"import", "treaty", "--instrument", "untoc", "--as-of", "soon", filepath.Join(dir, "untc_18-12.csv")},
		{"import", "treaty", "--instrument", "untoc"},
	} {
		_, err := runCLI(t, "", args...)
		var ex exitError
		if !errors.As(err, &ex) || ex.code != 2 {
			t.Errorf("%v: %v, want exit 2", args, err)
		}
	}
}
