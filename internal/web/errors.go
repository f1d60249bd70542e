package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/tipsom/tipsom/internal/errs"
)

// Status maps an error kind to its HTTP status.
func Status(k errs.Kind) int {
	switch k {
	case errs.KindInvalid:
		return http.StatusUnprocessableEntity
	case errs.KindNotFound:
		return http.StatusNotFound
	case errs.KindConflict:
		return http.StatusConflict
	case errs.KindUnauthorised:
		return http.StatusUnauthorized
	case errs.KindForbidden:
		return http.StatusForbidden
	case errs.KindTooMany:
		return http.StatusTooManyRequests
	case errs.KindTooLarge:
		return http.StatusRequestEntityTooLarge
	case errs.KindBadRequest:
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// WantsJSON reports whether the response should be problem+json: API paths,
// and clients that ask for JSON rather than HTML.
func WantsJSON(r *http.Request) bool {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return true
	}
	accept := r.Header.Get("Accept")
	return strings.Contains(accept, "json") && !strings.Contains(accept, "text/html")
}

// Problem is an RFC 9457 problem document, with per-field errors.
type Problem struct {
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail,omitempty"`
	Instance  string         `json:"instance,omitempty"`
	RequestID string         `json:"request_id,omitempty"`
	Errors    []ProblemField `json:"errors,omitempty"`
}

// ProblemField is one field's error in a problem document.
type ProblemField struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error writes err as the response: problem+json for API clients; for
// browsers, a redirect to sign in when unauthorised, else an error page.
// Only internal errors are logged as errors, and their detail never leaves
// the server.
func (u *UI) Error(w http.ResponseWriter, r *http.Request, err error) {
	e := errs.As(err)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		e = errs.TooLarge()
	}
	status := Status(e.Kind)
	reqID := RequestID(r.Context())
	if e.Kind == errs.KindInternal {
		u.Log.Error("request failed", "err", err, "method", r.Method, "path", r.URL.Path, "request_id", reqID)
	}
	loc := u.Localizer(r)
	if WantsJSON(r) {
		if e.Kind == errs.KindUnauthorised {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tipsom"`)
		}
		p := Problem{Type: "about:blank", Title: http.StatusText(status), Status: status,
			Detail: loc.T(e.Key, e.Args), Instance: r.URL.Path, RequestID: reqID}
		for _, f := range e.Fields {
			p.Errors = append(p.Errors, ProblemField{Field: f.Field, Code: f.Key, Message: loc.T(f.Key, f.Args)})
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		writeIndented(w, p)
		return
	}
	if e.Kind == errs.KindUnauthorised && r.Method == http.MethodGet {
		target := e.Redirect
		if target == "" {
			target = "/login?next=" + url.QueryEscape(r.URL.RequestURI())
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
		return
	}
	p := u.NewPage(w, r, fmt.Sprintf("error.status_%d", status), e)
	p.Status = status
	if rerr := u.Render(w, r, "web/error", p); rerr != nil {
		u.Log.Error("render error page", "err", rerr)
		http.Error(w, http.StatusText(status), status)
	}
}
