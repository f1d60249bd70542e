package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

type thing struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// TestAPIShapes: the handler shapes answer as the API promises — lists
// never null, creation 201 with Location, bad ids and bodies refused.
func TestAPIShapes(t *testing.T) {
	mux := http.NewServeMux()
	serve := func(pattern string, h web.Handler) {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			if err := h(w, r); err != nil {
				w.WriteHeader(web.Status(errs.As(err).Kind))
			}
		})
	}
	serve("GET /things", web.List("things", func(*http.Request) ([]thing, error) { return nil, nil }))
	serve("GET /things/{id}", web.ByID(func(_ *http.Request, id int64) (thing, error) { return thing{ID: id}, nil }))
	serve("POST /things", web.Create(func(_ *http.Request, in thing) (*thing, error) { in.ID = 7; return &in, nil },
		func(t *thing) string { return "/things/7" }))
	serve("PUT /things/{id}", web.UpdateByID(func(_ *http.Request, id int64, in thing) (thing, error) { in.ID = id; return in, nil }))
	for _, c := range []struct {
		method, path, body string
		status             int
		want, location     string
	}{
		{"GET", "/things", "", 200, `"things": []`, ""},
		{"GET", "/things/3", "", 200, `"id": 3`, ""},
		{"GET", "/things/x", "", 404, "", ""},
		{"POST", "/things", `{"name":"a"}`, 201, `"id": 7`, "/things/7"},
		{"POST", "/things", `{"nom":"a"}`, 422, "", ""},
		{"PUT", "/things/5", `{"name":"b"}`, 200, `"name": "b"`, ""},
	} {
		req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
		res := httptest.NewRecorder()
		mux.ServeHTTP(res, req)
		if res.Code != c.status || !strings.Contains(res.Body.String(), c.want) || res.Header().Get("Location") != c.location {
			t.Errorf("%s %s: %d %q at %q", c.method, c.path, res.Code, res.Body.String(), res.Header().Get("Location"))
		}
	}
}
