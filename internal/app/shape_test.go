package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// rooms are the packages that follow the room shape of docs/architecture.md.
var shapedRooms = []string{"auth", "authorities", "bodies", "caselaw", "engagement", "geo", "notify", "omnibus", "report", "stats", "stats/collection", "treaty", "trustfund", "knowledge"}

// sqlPackages may hold SQL only in their store files: the rooms and the
// plumbing that keeps its own tables.
var sqlPackages = append([]string{"audit", "search"}, shapedRooms...)

// roomFile is the vocabulary of a room's files: a layer, then an optional
// topic. docs/architecture.md says what each layer holds.
var roomFile = regexp.MustCompile(`^(doc|embed|model|view|format|access|service|store|http|api|section|seed|demo)(_[a-z0-9]+)*\.go$`)

// sqlStart recognises a string literal that is a statement.
var sqlStart = regexp.MustCompile(`(?i)^\s*(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|WITH\s+\w+(\s*\([^)]*\))?\s+AS|CREATE\s+(TABLE|INDEX|TEMP)|DROP\s+TABLE)\b`)

func internalDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func goFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestRoomFileVocabulary holds every room to one file vocabulary, so a
// reader finds a room's SQL, rules and pages where every other room keeps
// them.
func TestRoomFileVocabulary(t *testing.T) {
	t.Parallel()
	root := internalDir(t)
	for _, room := range shapedRooms {
		for _, name := range goFiles(t, filepath.Join(root, room)) {
			if !roomFile.MatchString(name) {
				t.Errorf("%s/%s: not a room file name (layer[_topic].go, layers in docs/architecture.md)", room, name)
			}
		}
	}
}

// TestSQLInStoreFiles finds statements written outside store files.
func TestSQLInStoreFiles(t *testing.T) {
	t.Parallel()
	root := internalDir(t)
	for _, pkg := range sqlPackages {
		dir := filepath.Join(root, pkg)
		for _, name := range goFiles(t, dir) {
			if strings.HasPrefix(name, "store") {
				continue
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err == nil && sqlStart.MatchString(s) {
					t.Errorf("%s/%s:%d: SQL outside a store file", pkg, name, fset.Position(lit.Pos()).Line)
				}
				return true
			})
		}
	}
}
