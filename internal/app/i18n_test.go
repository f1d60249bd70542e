package app_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

// TestCataloguesComplete fails when a key is missing from, or extra in, any
// of the six languages.
func TestCataloguesComplete(t *testing.T) {
	cat, err := app.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	en := cat.Keys("en")
	if len(en) < 100 {
		t.Fatalf("English catalogue has only %d keys", len(en))
	}
	for _, l := range web.Langs {
		if diff := cmp.Diff(en, cat.Keys(l.Code)); diff != "" {
			t.Errorf("catalogue %s differs from en (-en +%s):\n%s", l.Code, l.Code, diff)
		}
	}
}

var templateKey = regexp.MustCompile(`\bT\s+"([^"]+)"`)

// usedKeys collects the catalogue keys the code uses: literal keys in
// templates ({{.T "key"}}), string literals in Go code under a catalogue
// prefix (err.…, flash.…), and the keys built at run time (roles, the
// navigation and error statuses).
func usedKeys(t *testing.T, prefixes map[string]bool) map[string][]string {
	t.Helper()
	used := map[string][]string{}
	add := func(k, where string) { used[k] = append(used[k], where) }
	root := filepath.Join("..", "..", "internal")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch {
		case strings.HasSuffix(p, ".html"):
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range templateKey.FindAllStringSubmatch(string(b), -1) {
				add(m[1], p)
			}
		case strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go"):
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, _ := strconv.Unquote(lit.Value)
				if prefix, _, ok := strings.Cut(s, "."); ok && prefixes[prefix] && regexp.MustCompile(`^[a-z]+\.[a-z0-9_.]*[a-z0-9_]$`).MatchString(s) {
					add(s, fset.Position(lit.Pos()).String())
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range auth.AllRoles {
		add(r.LabelKey(), "auth.AllRoles")
	}
	for _, n := range app.Nav {
		add(n.Label, "app.Nav")
		add(n.Label+"_about", "app.Nav")
	}
	for _, s := range []int{400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 503} {
		add("error.status_"+strconv.Itoa(s), "web.Status")
	}
	return used
}

// TestNoUnknownKeys fails when a template or Go code uses a key that the
// English catalogue lacks (the completeness test then covers the others).
func TestNoUnknownKeys(t *testing.T) {
	cat, err := app.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	prefixes := map[string]bool{}
	for _, k := range cat.Keys("en") {
		p, _, _ := strings.Cut(k, ".")
		prefixes[p] = true
	}
	used := usedKeys(t, prefixes)
	var missing []string
	for k, where := range used {
		if !cat.Has("en", k) {
			missing = append(missing, k+" (used in "+where[0]+")")
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("unknown catalogue key %s: add it to the room's English catalogue, or, if the string is not a "+
			"catalogue key (an audit action, an event name), give it a name that starts with no catalogue prefix", m)
	}
	if len(used) < 100 {
		t.Fatalf("found only %d used keys: the scan is broken", len(used))
	}
}

// TestPluralForms renders every plural message in every language at counts
// that reach each CLDR category, failing when a language lacks a form.
func TestPluralForms(t *testing.T) {
	cat, err := app.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	plural := []string{"security.codes_left", "admin.users_count", "admin.orgs_count"}
	for _, l := range web.Langs {
		loc := cat.For(l)
		for _, k := range plural {
			for _, n := range []int{0, 1, 2, 3, 5, 11, 21, 22, 100, 101, 1000000} {
				got := loc.T(k, "Count", n)
				if got == k || !strings.Contains(got, loc.Num(n)) && !strings.Contains(got, strconv.Itoa(n)) {
					t.Errorf("%s %s Count=%d: %q", l.Code, k, n, got)
				}
			}
		}
	}
}
