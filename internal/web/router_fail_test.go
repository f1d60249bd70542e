package web

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// headerCounter counts the statuses a handler chain tries to send.
type headerCounter struct {
	*httptest.ResponseRecorder
	calls int
}

func (h *headerCounter) WriteHeader(code int) {
	h.calls++
	h.ResponseRecorder.WriteHeader(code)
}

type allow struct{}

func (allow) Check(*http.Request) error { return nil }

// TestHandlerErrorsAfterTheAnswer: an error met once the answer has begun
// is logged, not answered a second time; a client that went away is no
// server error.
func TestHandlerErrorsAfterTheAnswer(t *testing.T) {
	ui := testUI(t)
	var log bytes.Buffer
	ui.Log = slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	rt := NewRouter(ui, NewMetrics())
	rt.Handle("GET /partial", allow{}, func(w http.ResponseWriter, r *http.Request) error {
		w.Write([]byte("part of it"))
		return errors.New("write: broken after the first bytes")
	})
	rt.Handle("GET /gone", allow{}, func(w http.ResponseWriter, r *http.Request) error {
		return r.Context().Err()
	})

	w := &headerCounter{ResponseRecorder: httptest.NewRecorder()}
	rt.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/partial", nil))
	if w.calls > 1 || w.Code != http.StatusOK || w.Body.String() != "part of it" {
		t.Errorf("partial answer: %d status calls, %d %q", w.calls, w.Code, w.Body.String())
	}
	if !strings.Contains(log.String(), "error after the answer began") || strings.Contains(log.String(), "request failed") {
		t.Errorf("log:\n%s", log.String())
	}

	log.Reset()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w = &headerCounter{ResponseRecorder: httptest.NewRecorder()}
	rt.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/gone", nil).WithContext(ctx))
	if w.calls != 0 || strings.Contains(log.String(), "level=ERROR") || !strings.Contains(log.String(), "client gone") {
		t.Errorf("client gone: %d status calls; log:\n%s", w.calls, log.String())
	}
}
