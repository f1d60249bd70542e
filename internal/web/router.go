// Package web is tipsom's HTTP plumbing: the router where every route
// declares who may use it, the one place errors become responses (HTML or
// RFC 9457 problem+json), templates, message catalogues, assets, forms and
// middleware. It knows no capability; capabilities register their routes.
package web

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"syscall"
	"time"

	"github.com/tipsom/tipsom/internal/intake"
)

// Handler is an HTTP handler that returns its error instead of writing it;
// the router turns the error into a response.
type Handler func(w http.ResponseWriter, r *http.Request) error

// Guard decides whether a request may reach a route (auth.Policy is one).
type Guard interface {
	Check(r *http.Request) error
}

// DefaultBodyLimit caps request bodies on routes that set no limit.
const DefaultBodyLimit = 1 << 20

// Route is a registered route as the matrix test and the OpenAPI test see it.
type Route struct {
	Pattern string // as given to ServeMux: "POST /admin/users/{id}"
	Method  string
	Path    string
	Guard   Guard
	MaxBody int64
	Upload  *intake.Limits // the file's limits, on routes that take one
}

// RouteOption adjusts a route at registration.
type RouteOption func(*Route)

// BodyLimit sets the largest request body the route accepts; larger bodies
// get 413.
func BodyLimit(n int64) RouteOption { return func(r *Route) { r.MaxBody = n } }

// Router is a ServeMux that records each route with its guard.
type Router struct {
	mux     *http.ServeMux
	routes  []Route
	ui      *UI
	metrics *Metrics
}

// NewRouter returns an empty router rendering errors with ui.
func NewRouter(ui *UI, m *Metrics) *Router {
	return &Router{mux: http.NewServeMux(), ui: ui, metrics: m}
}

// Handle registers h at pattern ("METHOD /path"), reachable only past g.
func (rt *Router) Handle(pattern string, g Guard, h Handler, opts ...RouteOption) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "", pattern
	}
	route := Route{Pattern: pattern, Method: method, Path: path, Guard: g, MaxBody: DefaultBodyLimit}
	for _, o := range opts {
		o(&route)
	}
	rt.routes = append(rt.routes, route)
	rt.mux.Handle(pattern, rt.adapt(route, h))
}

// Has reports whether pattern is registered.
func (rt *Router) Has(pattern string) bool {
	for _, r := range rt.routes {
		if r.Pattern == pattern {
			return true
		}
	}
	return false
}

// Routes returns every registered route in registration order.
func (rt *Router) Routes() []Route { return append([]Route(nil), rt.routes...) }

func (rt *Router) adapt(route Route, h Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		var body *countingReader
		if r.Body != nil {
			body = &countingReader{ReadCloser: r.Body}
			r.Body = http.MaxBytesReader(sw, body, route.MaxBody)
		}
		err := route.Guard.Check(r)
		if err == nil {
			err = h(sw, r)
		}
		if err != nil {
			rt.fail(sw, r, err)
		}
		if body != nil {
			rt.metrics.read(route.Pattern, body.n)
		}
		rt.metrics.observe(route.Pattern, r.Method, sw.status, time.Since(start))
	})
}

// StatusClientGone is the status recorded (never sent) for a request whose
// client went away before its answer: it is not a server error.
const StatusClientGone = 499

// fail answers a handler's error, unless there is no one left to answer
// or the answer has already begun: then the error can only be logged, and
// a client that left is no server error.
func (rt *Router) fail(sw *statusWriter, r *http.Request, err error) {
	switch {
	case clientGone(r, err):
		sw.status = StatusClientGone
		rt.ui.Log.Debug("client gone", "err", err, "method", r.Method, "path", r.URL.Path, "request_id", RequestID(r.Context()))
	case sw.written:
		rt.ui.Log.Warn("error after the answer began", "err", err, "method", r.Method, "path", r.URL.Path, "request_id", RequestID(r.Context()))
	default:
		rt.ui.Error(sw, r, err)
	}
}

// clientGone reports whether err comes from the client having gone: the
// request's context ended, or writing to it failed.
func clientGone(r *http.Request, err error) bool {
	return r.Context().Err() != nil || errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET)
}

// ServeHTTP dispatches to the matching route; unmatched requests are
// counted under the route label "unmatched".
func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, pattern := rt.mux.Handler(r); pattern == "" {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		rt.mux.ServeHTTP(sw, r)
		rt.metrics.observe("unmatched", r.Method, sw.status, time.Since(start))
		return
	}
	rt.mux.ServeHTTP(w, r)
}

// statusWriter remembers the status written, for metrics and logs.
type statusWriter struct {
	http.ResponseWriter
	status  int
	written bool
}

// WriteHeader sends the status once; a later call (an error met after the
// answer began) changes nothing.
func (w *statusWriter) WriteHeader(code int) {
	if w.written {
		return
	}
	w.status, w.written = code, true
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.written = true
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// countingReader counts the bytes a handler reads of a request body.
type countingReader struct {
	io.ReadCloser
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	c.n += int64(n)
	return n, err
}
