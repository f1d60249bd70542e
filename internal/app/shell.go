package app

import (
	"context"
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/knowledge"
	"github.com/tipsom/tipsom/internal/omnibus"
	"github.com/tipsom/tipsom/internal/trustfund"
	"github.com/tipsom/tipsom/internal/web"
)

// Nav is every capability of the strategy, in its order. The main
// navigation and the home page show only those that are built (see
// registerShell); one not built yet answers its path with its "coming"
// page, reachable from no menu.
var Nav = []web.NavItem{
	{Path: "/countries", Label: "nav.countries"},
	{Path: "/treaties", Label: "nav.treaties"},
	{Path: "/stats", Label: "nav.stats"},
	{Path: "/reports", Label: "nav.reports"},
	{Path: "/caselaw", Label: "nav.caselaw"},
	{Path: "/omnibus", Label: "nav.omnibus"},
	{Path: "/programmes", Label: "nav.programmes"},
	{Path: "/knowledge", Label: "nav.knowledge"},
	{Path: "/bodies", Label: "nav.bodies"},
	{Path: "/trustfund", Label: "nav.trustfund"},
	{Path: "/blueheart", Label: "nav.blueheart"},
	{Path: "/records", Label: "nav.records"},
}

// registerShell adds the portal's own routes: home, about, the language
// switcher, the "coming" pages of rooms not built yet, health, assets and
// the API description. It runs after the capabilities register. /metrics
// is not among them: see metricsGate and ServeMetrics.
func (a *App) registerShell(rt *web.Router) {
	pub := auth.Public()
	rt.Handle("GET /{$}", pub, a.home)
	rt.Handle("GET /about", pub, func(w http.ResponseWriter, r *http.Request) error {
		return a.UI.Show(w, r, "web/about", "about.heading", nil)
	})
	var built []web.NavItem
	for _, item := range Nav {
		if rt.Has("GET " + item.Path) {
			built = append(built, item) // the capability is built
			continue
		}
		label := item.Label
		rt.Handle("GET "+item.Path, pub, func(w http.ResponseWriter, r *http.Request) error {
			return a.UI.Show(w, r, "web/coming", label, label)
		})
	}
	a.UI.Site.Nav = built
	rt.Handle("GET /lang/{code}", pub, a.switchLang)
	rt.Handle("GET /healthz", pub, func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, err := w.Write([]byte("ok\n"))
		return err
	})
	rt.Handle("GET /readyz", pub, func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := a.DB.Ping(r.Context()); err != nil {
			a.Log.Warn("not ready", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, err = w.Write([]byte("database unavailable\n"))
			return err
		}
		_, err := w.Write([]byte("ready\n"))
		return err
	})
	rt.Handle("GET /assets/", pub, func(w http.ResponseWriter, r *http.Request) error {
		a.UI.Assets.ServeHTTP(w, r)
		return nil
	})
	rt.Handle("GET /favicon.ico", pub, func(w http.ResponseWriter, r *http.Request) error {
		http.Redirect(w, r, a.UI.Assets.URL("favicon.svg"), http.StatusMovedPermanently)
		return nil
	})
	rt.Handle("GET /api/v1/openapi.json", pub, func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "application/json")
		_, err := w.Write(a.openAPI)
		return err
	})
	rt.Handle("/", pub, func(w http.ResponseWriter, r *http.Request) error { return errs.NotFound() })
}

// switchLang remembers the chosen language for a year and goes back to the
// page the switcher was clicked on.
func (a *App) switchLang(w http.ResponseWriter, r *http.Request) error {
	lang, ok := web.LangByCode(r.PathValue("code"))
	if !ok {
		return errs.NotFound()
	}
	http.SetCookie(w, &http.Cookie{Name: web.LangCookie, Value: lang.Code, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.Config.Secure()})
	http.Redirect(w, r, web.SafeNext(r.URL.Query().Get("next"), "/"), http.StatusSeeOther)
	return nil
}

// metricsGate answers GET /metrics on the main address, before any other
// middleware reads the Authorization header: to a scraper presenting the
// configured metrics token, else 401; without a token configured the
// request goes on and finds no route (404). Everything else goes to next.
func (a *App) metricsGate(next http.Handler) http.Handler {
	metrics := a.Metrics.Handler()
	want := []byte("Bearer " + a.Config.MetricsToken)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/metrics" || a.Config.MetricsToken == "" {
			next.ServeHTTP(w, r)
			return
		}
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tipsom metrics"`)
			http.Error(w, "metrics need the metrics token", http.StatusUnauthorized)
			return
		}
		metrics.ServeHTTP(w, r)
	})
}

// ServeMetrics serves GET /metrics alone, without a token, on ln (the
// --metrics-addr listener, meant for an internal interface) until ctx ends.
func (a *App) ServeMetrics(ctx context.Context, ln net.Listener) error {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.Metrics.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// whatsNewKinds are the documents the home page's "what is new" lists:
// the dated publications of every room (not the events to come, nor the
// undated reference pages).
var whatsNewKinds = []string{knowledge.DocResource, knowledge.DocPractice, knowledge.DocNews, "case", "legislation",
	omnibus.DocSummary, trustfund.DocProject}

// home is the portal's front page: the rooms, and what is new across them.
func (a *App) home(w http.ResponseWriter, r *http.Request) error {
	entries, _, err := a.Rooms.Knowledge.Recent(r.Context(), whatsNewKinds, 0, 8)
	if err != nil {
		return err
	}
	type item struct {
		Kind, Title, URL, Lang string
		Date                   time.Time
	}
	lang := web.LangOf(r).Code
	var news []item
	for _, e := range entries {
		title, tl := web.Texts(e.Title).In(lang)
		news = append(news, item{Kind: e.Kind, Title: title, URL: e.URL, Lang: tl, Date: e.Date})
	}
	return a.UI.Show(w, r, "web/home", "home.title", map[string]any{"New": news})
}
