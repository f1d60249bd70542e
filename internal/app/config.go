// Package app wires tipsom together: it reads the configuration, opens the
// database, builds every capability and the HTTP server, and runs it. Tests
// start the whole application through New and Serve.
package app

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

// Config is everything tipsom reads at start, from flags or TIPSOM_* variables.
type Config struct {
	Addr             string
	DB               string
	Demo             bool
	BaseURL          string // the public URL; https:// makes cookies Secure and sends HSTS
	TrustProxy       bool   // trust X-Forwarded-For from a reverse proxy
	TrustedProxies   string // the proxies whose X-Forwarded-For is believed: CIDR prefixes, comma-separated
	SessionIdle      time.Duration
	SessionMax       time.Duration
	TokenTTL         time.Duration // lifetime of an API token made without one
	TokenMaxTTL      time.Duration // the longest lifetime anyone may ask for
	HashConcurrency  int           // password hashes at once (0: GOMAXPROCS)
	SearchCacheMB    int           // the case-law search's cache of match sets, per server (0: off)
	ListCacheMB      int           // the caches of listed cases and their snippets, and of the one search's snippets, each, per server (0: off)
	MetricsToken     string        // /metrics on the main address answers only to "Authorization: Bearer" this
	MetricsAddr      string        // also serve /metrics, without a token, on this address of its own
	SMTPURL          string        // deliver mail over SMTP (notify.go)
	MailFrom         string
	OIDCIssuer       string
	OIDCClientID     string
	OIDCClientSecret string
	LogLevel         string
	LogOutput        io.Writer

	proxies web.TrustedProxies // parsed by Validate; nil without --trust-proxy
}

// Defaults returns the configuration used when nothing is set.
func Defaults() Config {
	return Config{Addr: "127.0.0.1:8080", DB: "sqlite:./var/tipsom.db", SessionIdle: 30 * time.Minute,
		SessionMax: 12 * time.Hour, TrustedProxies: web.DefaultTrustedProxies, TokenTTL: auth.DefaultTokenTTL, TokenMaxTTL: auth.DefaultTokenMaxTTL,
		SearchCacheMB: 64, ListCacheMB: 32, LogLevel: "info", LogOutput: os.Stderr}
}

// ServeFlags registers the serve flags on fs, each defaulting to its
// TIPSOM_* variable, else to Defaults.
func ServeFlags(fs *flag.FlagSet, c *Config) {
	env := func(name, def string) string {
		if v, ok := os.LookupEnv(name); ok {
			return v
		}
		return def
	}
	envBool := func(name string, def bool) bool {
		b, err := strconv.ParseBool(env(name, strconv.FormatBool(def)))
		return err == nil && b
	}
	envInt := func(name string, def int) int {
		n, err := strconv.Atoi(env(name, strconv.Itoa(def)))
		if err != nil {
			return def
		}
		return n
	}
	envDur := func(name string, def time.Duration) time.Duration {
		d, err := time.ParseDuration(env(name, def.String()))
		if err != nil {
			return def
		}
		return d
	}
	fs.StringVar(&c.Addr, "addr", env("TIPSOM_ADDR", c.Addr), "listen address HOST:PORT (TIPSOM_ADDR)")
	DBFlag(fs, &c.DB)
	fs.BoolVar(&c.Demo, "demo", envBool("TIPSOM_DEMO", c.Demo), "load demo accounts and content, and show the demo banner (TIPSOM_DEMO)")
	fs.IntVar(&c.SearchCacheMB, "search-cache-mb", envInt("TIPSOM_SEARCH_CACHE_MB", c.SearchCacheMB),
		"megabytes for the case-law search's cache of match sets; 0 turns it off (TIPSOM_SEARCH_CACHE_MB)")
	fs.IntVar(&c.ListCacheMB, "list-cache-mb", envInt("TIPSOM_LIST_CACHE_MB", c.ListCacheMB),
		"megabytes for the cache of listed cases and snippets, and for the one search's snippets; 0 turns them off (TIPSOM_LIST_CACHE_MB)")
	fs.StringVar(&c.BaseURL, "base-url", env("TIPSOM_BASE_URL", c.BaseURL), "public URL of the site, e.g. https://tipsom.example.org (TIPSOM_BASE_URL); default http://ADDR")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", envBool("TIPSOM_TRUST_PROXY", c.TrustProxy), "take the client address from X-Forwarded-For set by --trusted-proxies (TIPSOM_TRUST_PROXY)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", env("TIPSOM_TRUSTED_PROXIES", c.TrustedProxies),
		"with --trust-proxy: the reverse proxies, as comma-separated CIDR prefixes or addresses; the client is the right-most X-Forwarded-For entry not among them (TIPSOM_TRUSTED_PROXIES)")
	fs.DurationVar(&c.SessionIdle, "session-idle", envDur("TIPSOM_SESSION_IDLE", c.SessionIdle), "sign out after this long without activity (TIPSOM_SESSION_IDLE)")
	fs.DurationVar(&c.SessionMax, "session-max", envDur("TIPSOM_SESSION_MAX", c.SessionMax), "sign out this long after sign-in, whatever happens (TIPSOM_SESSION_MAX)")
	TokenFlags(fs, c)
	notifyFlags(fs, c)
	fs.IntVar(&c.HashConcurrency, "hash-concurrency", envInt("TIPSOM_HASH_CONCURRENCY", c.HashConcurrency),
		"password hashes (argon2id, 19 MiB each) computed at once; more sign-ins wait up to 2s, then get 429 (TIPSOM_HASH_CONCURRENCY); 0: GOMAXPROCS")
	fs.StringVar(&c.MetricsToken, "metrics-token", env("TIPSOM_METRICS_TOKEN", c.MetricsToken),
		"serve GET /metrics on the main address to scrapers sending Authorization: Bearer TOKEN (TIPSOM_METRICS_TOKEN); without it /metrics answers 404 there")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", env("TIPSOM_METRICS_ADDR", c.MetricsAddr),
		"serve GET /metrics, without a token, on this HOST:PORT of its own, e.g. an internal interface (TIPSOM_METRICS_ADDR)")
	fs.StringVar(&c.OIDCIssuer, "oidc-issuer", env("TIPSOM_OIDC_ISSUER", c.OIDCIssuer), "OpenID Connect issuer URL for single sign-on (TIPSOM_OIDC_ISSUER)")
	fs.StringVar(&c.OIDCClientID, "oidc-client-id", env("TIPSOM_OIDC_CLIENT_ID", c.OIDCClientID), "OpenID Connect client id (TIPSOM_OIDC_CLIENT_ID)")
	fs.StringVar(&c.OIDCClientSecret, "oidc-client-secret", env("TIPSOM_OIDC_CLIENT_SECRET", c.OIDCClientSecret), "OpenID Connect client secret (TIPSOM_OIDC_CLIENT_SECRET)")
	fs.StringVar(&c.LogLevel, "log-level", env("TIPSOM_LOG_LEVEL", c.LogLevel), "debug, info, warn or error (TIPSOM_LOG_LEVEL)")
}

// TokenFlags registers --token-ttl and --token-max-ttl (TIPSOM_TOKEN_TTL,
// TIPSOM_TOKEN_MAX_TTL), for serve and for token create. They take a number
// of days ("90d") or a Go duration ("36h").
func TokenFlags(fs *flag.FlagSet, c *Config) {
	for _, f := range []struct {
		name, env, usage string
		dst              *time.Duration
	}{
		{"token-ttl", "TIPSOM_TOKEN_TTL", "lifetime of an API token made without one, e.g. 90d", &c.TokenTTL},
		{"token-max-ttl", "TIPSOM_TOKEN_MAX_TTL", "the longest lifetime an API token may be given, e.g. 365d", &c.TokenMaxTTL},
	} {
		if v, ok := os.LookupEnv(f.env); ok {
			if d, err := ParseLifetime(v); err == nil {
				*f.dst = d
			}
		}
		fs.Var((*lifetime)(f.dst), f.name, f.usage+" ("+f.env+")")
	}
}

// ParseLifetime reads a lifetime: whole days ("90d") or a Go duration.
func ParseLifetime(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days < 0 {
			return 0, fmt.Errorf("%q: want a number of days like 90d, or a duration like 36h", s)
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q: want a number of days like 90d, or a duration like 36h", s)
	}
	return d, nil
}

// lifetime is a flag.Value of ParseLifetime, printed in days when whole.
type lifetime time.Duration

func (l *lifetime) String() string {
	if l == nil {
		return ""
	}
	d := time.Duration(*l)
	if d%(24*time.Hour) == 0 {
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	}
	return d.String()
}

func (l *lifetime) Set(s string) error {
	d, err := ParseLifetime(s)
	*l = lifetime(d)
	return err
}

// DBFlag registers --db, defaulting to TIPSOM_DB.
func DBFlag(fs *flag.FlagSet, dst *string) {
	def := *dst
	if def == "" {
		def = Defaults().DB
	}
	if v, ok := os.LookupEnv("TIPSOM_DB"); ok {
		def = v
	}
	fs.StringVar(dst, "db", def, "database URL: sqlite:PATH or postgres://… (TIPSOM_DB)")
}

// Validate checks the configuration as a whole.
func (c *Config) Validate() error {
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	if !strings.HasPrefix(c.BaseURL, "http://") && !strings.HasPrefix(c.BaseURL, "https://") {
		return fmt.Errorf("--base-url %q: want http:// or https://", c.BaseURL)
	}
	if (c.OIDCIssuer != "") != (c.OIDCClientID != "") {
		return fmt.Errorf("single sign-on needs both --oidc-issuer and --oidc-client-id")
	}
	if c.SessionIdle <= 0 || c.SessionMax <= 0 {
		return fmt.Errorf("session timeouts must be positive")
	}
	if c.TrustProxy {
		if c.TrustedProxies == "" {
			c.TrustedProxies = web.DefaultTrustedProxies
		}
		p, err := web.ParseTrustedProxies(c.TrustedProxies)
		if err != nil {
			return fmt.Errorf("--trusted-proxies: %w", err)
		}
		c.proxies = p
	}
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return fmt.Errorf("--metrics-token: use at least 16 characters")
	}
	if c.HashConcurrency < 0 {
		return fmt.Errorf("--hash-concurrency must not be negative")
	}
	if c.TokenTTL == 0 {
		c.TokenTTL = auth.DefaultTokenTTL
	}
	if c.TokenMaxTTL == 0 {
		c.TokenMaxTTL = max(auth.DefaultTokenMaxTTL, c.TokenTTL)
	}
	if c.TokenTTL < 24*time.Hour || c.TokenMaxTTL < c.TokenTTL {
		return fmt.Errorf("--token-ttl must be at least a day and --token-max-ttl at least --token-ttl")
	}
	if c.LogOutput == nil {
		c.LogOutput = os.Stderr
	}
	return nil
}

// Secure reports whether the site is served over HTTPS.
func (c *Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }
