package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/errs"
)

type requestIDKey struct{}

// RequestID returns the id of the request in ctx.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

var safeRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// Observe gives each request an id (kept from X-Request-Id when sane), finds
// its client address (proxies), puts the audit metadata in its context, recovers from panics, and logs it as
// one structured line.
func Observe(log *slog.Logger, ui *UI, proxies TrustedProxies, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if !safeRequestID.MatchString(id) {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		addr := proxies.ClientAddr(r)
		ctx := context.WithValue(r.Context(), requestIDKey{}, id)
		ctx = context.WithValue(ctx, clientAddrKey{}, addr)
		ctx = audit.WithMeta(ctx, audit.Meta{ClientAddr: addr, RequestID: id})
		r = r.WithContext(ctx)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				log.Error("panic", "panic", p, "stack", string(debug.Stack()), "request_id", id)
				if !sw.written {
					ui.Error(sw, r, errs.Internal(nil))
				}
			}
			level := slog.LevelInfo
			if sw.status >= 500 {
				level = slog.LevelWarn
			}
			log.LogAttrs(ctx, level, "request", slog.String("request_id", id), slog.String("method", r.Method),
				slog.String("path", r.URL.Path), slog.Int("status", sw.status), slog.String("client", addr),
				slog.Duration("duration", time.Since(start)))
		}()
		next.ServeHTTP(sw, r)
	})
}

// ContentSecurityPolicy allows scripts, styles and fonts from this origin
// only: no inline script, no eval, no framing.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// SecurityHeaders sets the headers every response carries.
func SecurityHeaders(hsts bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if hsts {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// CrossOrigin refuses cross-site state-changing requests (CSRF) with Go's
// CrossOriginProtection, answering with the usual error rendering.
// Requests carrying an API token are not exposed to CSRF (browsers do not
// attach Authorization headers on their own) but are checked all the same.
func CrossOrigin(ui *UI, trusted []string, next http.Handler) (http.Handler, error) {
	p := http.NewCrossOriginProtection()
	for _, o := range trusted {
		if err := p.AddTrustedOrigin(o); err != nil {
			return nil, err
		}
	}
	p.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ui.Error(w, r, errs.Forbidden().WithKey("err.cross_origin"))
	}))
	return p.Handler(next), nil
}

func writeIndented(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// RetryAfter adds a Retry-After header of seconds to every 429 and 503
// answer that does not set its own, so that clients which are throttled or
// turned away while the server is busy know when to come back.
func RetryAfter(seconds int, next http.Handler) http.Handler {
	value := strconv.Itoa(seconds)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&retryAfterWriter{ResponseWriter: w, value: value}, r)
	})
}

type retryAfterWriter struct {
	http.ResponseWriter
	value string
}

func (w *retryAfterWriter) WriteHeader(code int) {
	if (code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable) && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", w.value)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *retryAfterWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// NoStoreWhenSignedIn marks every answer to a request that carries a
// session cookie (named cookie) or an Authorization header
// "Cache-Control: no-store", overriding what the handler set: such answers
// depend on who asks (admin lists, the directory, drafts, any API answer
// made with a token) and must stay out of browser and shared caches. Only
// the content-hashed assets under /assets/, the same for everyone, keep
// their caching. Anonymous answers keep whatever their handler chose.
func NoStoreWhenSignedIn(cookie string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" && !hasCookie(r, cookie) || strings.HasPrefix(r.URL.Path, "/assets/") {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(&noStoreWriter{ResponseWriter: w}, r)
	})
}

func hasCookie(r *http.Request, name string) bool {
	_, err := r.Cookie(name)
	return err == nil
}

type noStoreWriter struct {
	http.ResponseWriter
	done bool
}

func (w *noStoreWriter) WriteHeader(code int) {
	if !w.done {
		w.done = true
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Del("Expires")
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *noStoreWriter) Write(b []byte) (int, error) {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

func (w *noStoreWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
