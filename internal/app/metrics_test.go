package app_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/db"
)

func getWith(t *testing.T, url, bearer string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, apptest.ReadBody(t, res)
}

// TestMetricsNotPublic: /metrics answers 404 unless a metrics token is set
// (then only with it) or it is served on its own listen address; health
// and readiness stay public.
func TestMetricsNotPublic(t *testing.T) {
	const want = "tipsom_http_requests_total"
	plain := apptest.Start(t, db.SQLite)
	if code, _ := getWith(t, plain.URL+"/metrics", ""); code != http.StatusNotFound {
		t.Errorf("/metrics without --metrics-token: %d, want 404", code)
	}
	for _, p := range []string{"/healthz", "/readyz"} {
		if code, _ := getWith(t, plain.URL+p, ""); code != http.StatusOK {
			t.Errorf("%s: %d", p, code)
		}
	}

	const secret = "a-long-metrics-scraper-secret"
	guarded := apptest.Start(t, db.SQLite, func(c *app.Config) { c.MetricsToken = secret })
	getWith(t, guarded.URL+"/healthz", "") // a request for the counters to count
	for _, tok := range []string{"", "wrong-secret-of-some-length", "tps_x"} {
		if code, body := getWith(t, guarded.URL+"/metrics", tok); code != http.StatusUnauthorized || strings.Contains(body, want) {
			t.Errorf("/metrics with token %q: %d", tok, code)
		}
	}
	if code, body := getWith(t, guarded.URL+"/metrics", secret); code != http.StatusOK || !strings.Contains(body, want) {
		t.Errorf("/metrics with the metrics token: %d", code)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- plain.App.ServeMetrics(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })
	if code, body := getWith(t, "http://"+ln.Addr().String()+"/metrics", ""); code != http.StatusOK || !strings.Contains(body, want) {
		t.Errorf("/metrics on its own address: %d", code)
	}
	if code, _ := getWith(t, "http://"+ln.Addr().String()+"/login", ""); code != http.StatusNotFound {
		t.Errorf("the metrics address serves the site: %d", code)
	}
}
