package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/profile"
	"github.com/tipsom/tipsom/internal/web"
	"github.com/tipsom/tipsom/ui"
)

// App is a running tipsom: its database, services and HTTP handler.
type App struct {
	Config   Config
	Log      *slog.Logger
	DB       *db.DB
	Auth     *auth.Service
	Sessions *scs.SessionManager
	UI       *web.UI
	Router   *web.Router
	Metrics  *web.Metrics
	Rooms    *Rooms // every room's service, built once
	handler  http.Handler
	openAPI  []byte
	sections []profile.Provider // in profileOrder
}

// New opens the database, applies migrations and builds the application.
func New(ctx context.Context, cfg Config) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	log := NewLogger(cfg.LogOutput, cfg.LogLevel)
	d, err := db.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	if err := d.Migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	a := &App{Config: cfg, Log: log, DB: d, Auth: auth.NewService(d), Metrics: web.NewMetrics()}
	a.Auth.TokenTTL, a.Auth.TokenMaxTTL = cfg.TokenTTL, cfg.TokenMaxTTL
	a.Auth.Hashes = auth.NewHashLimiter(cfg.HashConcurrency, 0)
	if err := a.build(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return a, nil
}

// NewLogger returns a JSON logger at level.
func NewLogger(w interface{ Write([]byte) (int, error) }, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}

func (a *App) build(ctx context.Context) error {
	cat, err := NewCatalog()
	if err != nil {
		return err
	}
	cat.Missing = func(lang, key string) { a.Log.Warn("missing translation", "lang", lang, "key", key) }
	assets, err := web.NewAssets(ui.Roots()...)
	if err != nil {
		return err
	}
	a.UI, err = web.NewUI(web.Site{Demo: a.Config.Demo, Nav: Nav, URL: a.Config.BaseURL}, cat, assets, a.Log)
	if err != nil {
		return err
	}
	a.UI.Viewer = auth.ViewerOf
	a.Sessions = auth.NewSessions(a.DB, auth.SessionConfig{Idle: a.Config.SessionIdle, Absolute: a.Config.SessionMax, Secure: a.Config.Secure()})
	a.Sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) { a.UI.Error(w, r, err) }
	a.Metrics.Registry.MustRegister(collectors.NewDBStatsCollector(a.DB.SQL(), "tipsom"))

	var sso *auth.SSO
	if a.Config.OIDCIssuer != "" {
		sso, err = auth.NewSSO(ctx, auth.SSOConfig{Issuer: a.Config.OIDCIssuer, ClientID: a.Config.OIDCClientID,
			ClientSecret: a.Config.OIDCClientSecret, RedirectURL: a.Config.BaseURL + "/login/sso/callback"})
		if err != nil {
			return err
		}
		a.Auth.SSOEnabled = true
	}
	a.Router = web.NewRouter(a.UI, a.Metrics)
	accounts := &auth.Web{Svc: a.Auth, Sessions: a.Sessions, UI: a.UI, SSO: sso}
	if err := accounts.Register(a.Router); err != nil {
		return err
	}
	n, err := a.newNotify()
	if err != nil {
		return err
	}
	if a.Rooms, err = newRooms(ctx, a.DB, a.Config, cat, n, a.Auth); err != nil {
		return err
	}
	a.Rooms.Report.Log = a.Log
	fragments, err := a.registerRooms(a.Router)
	if err != nil {
		return err
	}
	fragments["auth"] = auth.OpenAPI
	a.registerProfile(a.Router)
	a.registerShell(a.Router)
	if a.openAPI, err = buildOpenAPI(fragments); err != nil {
		return err
	}

	var h http.Handler = a.Router
	h = auth.Identify(a.Auth, a.Sessions, a.UI, h)
	h = a.Sessions.LoadAndSave(h)
	h = web.NoStoreWhenSignedIn(a.Sessions.Cookie.Name, h)
	h = cat.WithLang(h)
	trusted := []string{}
	if h, err = web.CrossOrigin(a.UI, trusted, h); err != nil {
		return err
	}
	h = a.metricsGate(h)
	h = web.SecurityHeaders(a.Config.Secure(), h)
	h = web.RetryAfter(5, h)
	a.handler = web.Observe(a.Log, a.UI, a.Config.proxies, h)
	return nil
}

// Handler is the whole application as one http.Handler.
func (a *App) Handler() http.Handler { return a.handler }

// Serve serves HTTP on ln until ctx ends, then shuts down gracefully,
// letting requests in flight finish (up to 20 seconds).
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
	}
	go a.housekeeping(ctx)
	go a.runNotify(ctx)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.Log.Info("serving", "addr", ln.Addr().String(), "db", db.Redact(a.Config.DB), "demo", a.Config.Demo)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.Log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// housekeeping purges expired sessions and spent sign-in throttle rows
// every ten minutes.
func (a *App) housekeeping(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			a.Housekeep(ctx)
		}
	}
}

// Housekeep runs one round of housekeeping, logging what fails.
func (a *App) Housekeep(ctx context.Context) {
	if err := auth.PurgeExpiredSessions(ctx, a.DB); err != nil && ctx.Err() == nil {
		a.Log.Warn("purge sessions", "err", err)
	}
	if err := a.Auth.PurgeThrottle(ctx); err != nil && ctx.Err() == nil {
		a.Log.Warn("purge sign-in throttle", "err", err)
	}
}

// Close releases the database.
func (a *App) Close() error {
	if a.Rooms != nil {
		a.Rooms.Report.WaitJobs()
	}
	return a.DB.Close()
}
