package app

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// Nav is the main navigation: every capability, in the strategy's order.
// A capability that is not built yet answers with its "coming" page.
var Nav = []web.NavItem{
	{Path: "/countries", Label: "nav.countries"},
	{Path: "/treaties", Label: "nav.treaties"},
	{Path: "/stats", Label: "nav.stats"},
	{Path: "/reports", Label: "nav.reports"},
	{Path: "/caselaw", Label: "nav.caselaw"},
	{Path: "/self-assessment", Label: "nav.omnibus"},
	{Path: "/programmes", Label: "nav.programmes"},
	{Path: "/knowledge", Label: "nav.knowledge"},
	{Path: "/bodies", Label: "nav.bodies"},
	{Path: "/trust-fund", Label: "nav.trustfund"},
	{Path: "/blue-heart", Label: "nav.blueheart"},
	{Path: "/records", Label: "nav.records"},
}

// registerShell adds the portal's own routes: home, about, the language
// switcher, the "coming" pages of rooms not built yet, health, metrics,
// assets and the API description. It runs after the capabilities register.
func (a *App) registerShell(rt *web.Router) {
	pub := auth.Public()
	rt.Handle("GET /{$}", pub, func(w http.ResponseWriter, r *http.Request) error {
		return a.UI.Show(w, r, "web/home", "home.title", nil)
	})
	rt.Handle("GET /about", pub, func(w http.ResponseWriter, r *http.Request) error {
		return a.UI.Show(w, r, "web/about", "about.heading", nil)
	})
	for _, item := range Nav {
		if rt.Has("GET " + item.Path) {
			continue // the capability is built
		}
		label := item.Label
		rt.Handle("GET "+item.Path, pub, func(w http.ResponseWriter, r *http.Request) error {
			return a.UI.Show(w, r, "web/coming", label, label)
		})
	}
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
	metrics := a.Metrics.Handler()
	rt.Handle("GET /metrics", pub, func(w http.ResponseWriter, r *http.Request) error {
		metrics.ServeHTTP(w, r)
		return nil
	})
	rt.Handle("GET /assets/", pub, func(w http.ResponseWriter, r *http.Request) error {
		a.UI.Assets.ServeHTTP(w, r)
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
