package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestTokenCreateSaysWhatItCarries: the operator's token create takes an
// expiry, a scope and --second-factor, prints what the token carries, and
// keeps the token on the last line; the token then carries exactly that.
func TestTokenCreateSaysWhatItCarries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		url := dbtest.URL(t, e)
		if _, err := runCLI(t, "river-stone-lantern-42\n", "user", "add", "--db", url, "--email", "fp@example.org",
			"--name", "Focal Point", "--role", "focal_point", "--country", "ISL", "--password-stdin"); err != nil {
			t.Fatal(err)
		}
		for _, bad := range [][]string{{"--scope", "admin"}, {"--expires-in-days", "4000"}} {
			_, err := runCLI(t, "", append([]string{"token", "create", "--db", url, "--email", "fp@example.org", "--name", "x"}, bad...)...)
			if err == nil || !strings.Contains(err.Error(), bad[0]) {
				t.Errorf("%v: %v, want an error naming %s", bad, err, bad[0])
			}
		}
		cfg := app.Defaults()
		cfg.DB, cfg.LogLevel = url, "error"
		for _, c := range []struct {
			args  []string
			lines []string
			me    map[string]any
		}{
			{nil, []string{"scope: full", "second factor: no", "(90 days)"},
				map[string]any{"second_factor": false, "token_scope": "full"}},
			{[]string{"--expires-in-days", "7", "--scope", "read", "--second-factor"}, []string{"scope: read", "second factor: yes", "(7 days)"},
				map[string]any{"second_factor": true, "token_scope": "read"}},
		} {
			out, err := runCLI(t, "", append([]string{"token", "create", "--db", url, "--email", "fp@example.org", "--name", "uploader"}, c.args...)...)
			if err != nil {
				t.Fatalf("%v: %v", c.args, err)
			}
			for _, l := range c.lines {
				if !strings.Contains(out, l) {
					t.Errorf("%v: output lacks %q:\n%s", c.args, l, out)
				}
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			token := lines[len(lines)-1]
			if !strings.HasPrefix(token, "tps_") {
				t.Fatalf("last line %q is not a token", token)
			}
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
			var me map[string]any
			json.NewDecoder(res.Body).Decode(&me)
			res.Body.Close()
			ts.Close()
			a.Close()
			for k, v := range c.me {
				if me[k] != v {
					t.Errorf("%v: me[%s] = %v, want %v", c.args, k, me[k], v)
				}
			}
		}
	})
}
