package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestDemoCodeFindsNoStrayDatabase: without a database, `tipsom demo code`
// says which --db to pass and creates nothing; from a folder below the one
// holding var/tipsom.db it finds that database.
func TestDemoCodeFindsNoStrayDatabase(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("TIPSOM_DB", "")
	os.Unsetenv("TIPSOM_DB")
	_, err := runCLI(t, "", "demo", "code", "analyst@demo.example.org")
	if err == nil || !strings.Contains(err.Error(), "--db") {
		t.Fatalf("demo code without a database: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("demo code created %v", entries)
	}
	if err := os.MkdirAll(filepath.Join(dir, "var"), 0o750); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, "", "migrate", "--db", "sqlite:"+filepath.Join(dir, "var", "tipsom.db")); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "ui", "static")
	if err := os.MkdirAll(sub, 0o750); err != nil {
		t.Fatal(err)
	}
	t.Chdir(sub)
	_, err = runCLI(t, "", "demo", "code", "analyst@demo.example.org")
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "var", "tipsom.db")) {
		t.Fatalf("demo code below the repository's folder: %v, want it to read %s", err, filepath.Join(dir, "var", "tipsom.db"))
	}
	if _, err := os.Stat(filepath.Join(sub, "var")); err == nil {
		t.Fatal("demo code created a database below")
	}
}

// TestDemoResetRefusesRealAccounts: --reset leaves alone a database that
// holds an account that is not a demo account.
func TestDemoResetRefusesRealAccounts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		url := dbtest.URL(t, e)
		if _, err := runCLI(t, "river-stone-lantern-42\n", "user", "add", "--db", url, "--email", "real@example.org",
			"--name", "Real Person", "--role", "analyst", "--password-stdin"); err != nil {
			t.Fatal(err)
		}
		_, err := runCLI(t, "", "demo", "--reset", "--db", url)
		if err == nil || !strings.Contains(err.Error(), "real@example.org") {
			t.Fatalf("demo --reset on a database with a real account: %v", err)
		}
		if _, err := runCLI(t, "", "token", "create", "--db", url, "--email", "real@example.org", "--name", "still here"); err != nil {
			t.Fatalf("the real account is gone after a refused reset: %v", err)
		}
	})
}
