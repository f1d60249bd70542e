package apptest

import (
	"encoding/json"
	"net/http"
	"testing"
)

// GetJSON fetches path with no session and decodes the answer into v
// (unless v is nil); it returns the status.
func (s *Server) GetJSON(t testing.TB, path string, v any) int {
	t.Helper()
	res := s.Get(t, Client(), path)
	defer res.Body.Close()
	if v != nil {
		if err := json.NewDecoder(res.Body).Decode(v); err != nil {
			t.Fatalf("GET %s: %d, %v", path, res.StatusCode, err)
		}
	}
	return res.StatusCode
}

// GetStatus fetches path on c and returns the body, failing unless the
// status is want.
func (s *Server) GetStatus(t testing.TB, c *http.Client, path string, want int) string {
	t.Helper()
	res := s.Get(t, c, path)
	b := ReadBody(t, res)
	if res.StatusCode != want {
		t.Fatalf("GET %s: %d, want %d\n%.2000s", path, res.StatusCode, want, b)
	}
	return b
}
