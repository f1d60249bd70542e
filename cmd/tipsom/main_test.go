package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

func runCLI(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), err
}

// TestFixedPointCommands drives the documented commands end to end on both
// engines: migrate, user add, token create (token on the last line, usable
// against GET /api/v1/me), audit verify before and after tampering.
func TestFixedPointCommands(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		url := dbtest.URL(t, e)
		if out, err := runCLI(t, "", "migrate", "--db", url); err != nil || !strings.Contains(out, "database at migration") {
			t.Fatalf("migrate: %q %v", out, err)
		}
		_, err := runCLI(t, "short\n", "user", "add", "--db", url, "--email", "bad", "--name", "X", "--role", "focal_point", "--password-stdin")
		if err == nil || !strings.Contains(err.Error(), "--email") || !strings.Contains(err.Error(), "--country") || !strings.Contains(err.Error(), "--password") {
			t.Fatalf("invalid user add: %v", err)
		}
		out, err := runCLI(t, "river-stone-lantern-42\n", "user", "add", "--db", url, "--email", "fp@example.org",
			"--name", "Focal Point", "--role", "focal_point,ngo", "--country", "KEN", "--org", "Ministry X", "--password-stdin")
		if err != nil || !strings.Contains(out, "created user") {
			t.Fatalf("user add: %q %v", out, err)
		}
		out, err = runCLI(t, "", "token", "create", "--db", url, "--email", "fp@example.org", "--name", "uploader")
		if err != nil {
			t.Fatalf("token create: %v", err)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		token := lines[len(lines)-1]
		if !strings.HasPrefix(token, "tps_") {
			t.Fatalf("last line %q is not a token", token)
		}
		if _, err := runCLI(t, "", "token", "create", "--db", url, "--email", "nobody@example.org", "--name", "x"); err == nil {
			t.Fatal("token for an unknown user")
		}

		cfg := app.Defaults()
		cfg.DB = url
		cfg.LogLevel = "error"
		a, err := app.New(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(a.Handler())
		req, _ := http.NewRequest("GET", ts.URL+"/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(res.Body)
		res.Body.Close()
		ts.Close()
		if res.StatusCode != 200 || !strings.Contains(buf.String(), `"country": "KEN"`) || !strings.Contains(buf.String(), `"org": "Ministry X"`) {
			t.Fatalf("me: %d %s", res.StatusCode, buf.String())
		}

		out, err = runCLI(t, "", "audit", "verify", "--db", url)
		if err != nil || !strings.Contains(out, "audit chain intact") {
			t.Fatalf("audit verify: %q %v", out, err)
		}
		if _, err := a.DB.SQL().Exec(`UPDATE audit_log SET actor = 'someone' WHERE id = 2`); err != nil {
			t.Fatal(err)
		}
		a.Close()
		_, err = runCLI(t, "", "audit", "verify", "--db", url)
		var ex exitError
		if !errors.As(err, &ex) || ex.code == 0 || !strings.Contains(err.Error(), "entry 2") {
			t.Fatalf("tampered log: %v", err)
		}
	})
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"bogus"}, {"user"}, {"token", "delete"}, {"serve", "--nope"}} {
		_, err := runCLI(t, "", args...)
		var ex exitError
		if !errors.As(err, &ex) || ex.code != 2 {
			t.Errorf("%v: %v, want exit 2", args, err)
		}
	}
}
