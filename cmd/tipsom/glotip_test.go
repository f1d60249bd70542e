package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestGLOTIPCommands: the strict import of the published sample stops on
// its conflicts (Bolivia 2017 listed first, with both values and lines) and
// writes nothing; --accept-findings writes the rest and queues them; a
// second run changes nothing; the export re-imports strictly, unchanged.
func TestGLOTIPCommands(t *testing.T) {
	sample, err := filepath.Abs("../../../shared/data/glotip/sample.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sample); err != nil {
		t.Skipf("sample: %v", err)
	}
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		url := dbtest.URL(t, e)
		out, err := runCLI(t, "", "import", "glotip", "--db", url, sample)
		if err == nil || !strings.Contains(err.Error(), "nothing written: 23 conflicts") {
			t.Fatalf("strict import: %v", err)
		}
		lines := strings.Split(out, "\n")
		if !strings.Contains(lines[0], "23 conflicts") || !strings.Contains(lines[1], "conflict") ||
			!strings.Contains(lines[1], "BOL detected_victims 2017") || !strings.Contains(lines[1], "62 (line 1750), 43 (line 1751)") {
			t.Fatalf("strict report does not start with the conflicts:\n%s", strings.Join(lines[:3], "\n"))
		}
		out, err = runCLI(t, "", "import", "glotip", "--accept-findings", "--db", url, sample)
		if err != nil || !strings.Contains(out, "23 conflicts queued") || !strings.Contains(out, "line 1750: in conflict") {
			t.Fatalf("accept-findings: %v\n%s", err, out)
		}
		out, err = runCLI(t, "", "import", "glotip", "--accept-findings", "--db", url, sample)
		if err != nil || !strings.Contains(out, "nothing changed") {
			t.Fatalf("second import: %v\n%s", err, out)
		}
		for _, ext := range []string{"csv", "xlsx", "json"} {
			file := filepath.Join(t.TempDir(), "export."+ext)
			out, err = runCLI(t, "", "export", "glotip", "--db", url, file)
			if err != nil || !strings.Contains(out, "rows written") {
				t.Fatalf("export %s: %v %s", ext, err, out)
			}
			if ext == "json" {
				continue
			}
			out, err = runCLI(t, "", "import", "glotip", "--db", url, file)
			if err != nil || !strings.Contains(out, "nothing changed") {
				t.Fatalf("re-import of the %s export: %v\n%s", ext, err, out)
			}
		}
	})
}

// TestImportPrintsFirstFindings: the screen shows the first findings of
// each kind and how many more there are; --findings writes every one.
func TestImportPrintsFirstFindings(t *testing.T) {
	sample, err := filepath.Abs("../../../shared/data/glotip/sample.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sample); err != nil {
		t.Skipf("sample: %v", err)
	}
	url := dbtest.URL(t, db.SQLite)
	all := filepath.Join(t.TempDir(), "findings.txt")
	out, err := runCLI(t, "", "import", "glotip", "--db", url, "--findings", all, sample)
	if err == nil {
		t.Fatal("the strict import of the sample passed")
	}
	if n := strings.Count(out, "  conflict "); n != shownPerKind {
		t.Errorf("%d conflicts on the screen, want the first %d", n, shownPerKind)
	}
	if !strings.Contains(out, "… and 3 more conflicts (all are in "+all+")") {
		t.Errorf("the screen does not say how many conflicts are left:\n%s", out)
	}
	b, err := os.ReadFile(all)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "  conflict "); n != 23 {
		t.Errorf("%d conflicts in the findings file, want all 23", n)
	}
}
