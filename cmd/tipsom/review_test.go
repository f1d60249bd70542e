package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestReviewDraw: the documented draw command on the shipped status of the
// Trafficking in Persons Protocol prints the same draw for the same seed,
// another for another seed, records it with --commit (the seed in the audit
// log), and names the State that cannot be matched.
func TestReviewDraw(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		url := dbtest.URL(t, e)
		table := filepath.Join("..", "..", "data", "treaties", "untc_18-12-a.csv")
		if out, err := runCLI(t, "", "import", "treaty", "--db", url, "--instrument", "tip-protocol", table); err != nil {
			t.Fatalf("import: %q %v", out, err)
		}
		draw := func(args ...string) (map[string]any, string, error) {
			t.Helper()
			out, err := runCLI(t, "", append([]string{"review", "draw", "--db", url, "--instrument", "tip-protocol", "--cycle", "2027-2028"}, args...)...)
			var v map[string]any
			if err == nil {
				if jerr := json.Unmarshal([]byte(out), &v); jerr != nil {
					t.Fatalf("not JSON: %v\n%s", jerr, out)
				}
			}
			return v, out, err
		}
		a, outA, err := draw("--seed", "42")
		if err != nil {
			t.Fatal(err)
		}
		pairs := a["pairs"].([]any)
		if a["instrument"] != "tip-protocol" || a["cycle"] != "2027-2028" || a["seed"].(float64) != 42 || len(pairs) < 150 {
			t.Fatalf("draw: %.300s", outA)
		}
		first := pairs[0].(map[string]any)
		if first["under_review"] == "" || len(first["reviewers"].([]any)) != 2 {
			t.Errorf("a pair: %v", first)
		}
		if _, again, _ := draw("--seed", "42"); again != outA {
			t.Error("the same seed drew another cycle")
		}
		if _, other, _ := draw("--seed", "43"); other == outA {
			t.Error("another seed drew the same cycle")
		}
		part, _, err := draw("--seed", "42", "--under-review", "ISL,KEN,FRA")
		if err != nil || len(part["pairs"].([]any)) != 3 {
			t.Fatalf("three States under review: %v %v", part, err)
		}
		if _, _, err := draw("--seed", "1", "--under-review", "ISL", "--as-of", "2005-01-01"); err == nil ||
			!strings.Contains(err.Error(), "ISL cannot be matched: not_a_party") {
			t.Errorf("Iceland before it was party: %v", err)
		}
		c, _, err := draw("--seed", "42", "--commit")
		if err != nil || c["cycle_id"] == nil {
			t.Fatalf("commit: %v %v", c, err)
		}
		if _, _, err := draw("--seed", "42", "--commit"); err == nil || !strings.Contains(err.Error(), "err.omnibus_cycle_exists") && !strings.Contains(err.Error(), "already exists") {
			t.Errorf("the same cycle twice: %v", err)
		}
		a2, err := openApp(t.Context(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer a2.Close()
		entries, err := a2.Auth.AuditLog(t.Context(), auth.System("test"), audit.Filter{Action: "review_cycle.draw"})
		if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Detail, "seed=42") {
			t.Errorf("the audit log of the draw: %+v %v", entries, err)
		}
	})
}
