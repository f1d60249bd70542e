package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
)

// send makes a request on c as a page of this site would (same-origin, so
// the cross-origin protection lets it through) and returns the status and
// body. ctype is the body's type, "" for none.
func send(t *testing.T, srv *apptest.Server, c *http.Client, method, path, ctype string, body io.Reader) (int, string) {
	t.Helper()
	res := do(t, srv, c, method, path, ctype, body, nil)
	return res.StatusCode, apptest.ReadBody(t, res)
}

// do is send with extra headers, returning the response unread.
func do(t *testing.T, srv *apptest.Server, c *http.Client, method, path, ctype string, body io.Reader, header http.Header) *http.Response {
	t.Helper()
	if body == nil {
		body = strings.NewReader("")
	}
	req, err := http.NewRequest(method, srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if method != http.MethodGet && method != http.MethodHead {
		req.Header.Set("Origin", srv.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return res
}

// sendJSON sends v encoded as JSON (nil: no body) and fails the test
// unless the answer has status want; it returns the body.
func sendJSON(t *testing.T, srv *apptest.Server, c *http.Client, method, path string, v any, want int) string {
	t.Helper()
	ctype, in := "", io.Reader(nil)
	if v != nil {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		ctype, in = "application/json", bytes.NewReader(b)
	}
	code, body := send(t, srv, c, method, path, ctype, in)
	if code != want {
		t.Fatalf("%s %s: %d, want %d: %s", method, path, code, want, body)
	}
	return body
}

// multipartFile is a form with one file under field, and its content type;
// fields are other fields of the form, name then value, sent before it.
func multipartFile(t *testing.T, field, name string, data []byte, fields ...string) (string, *bytes.Buffer) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for i := 0; i+1 < len(fields); i += 2 {
		if err := mw.WriteField(fields[i], fields[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := mw.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return mw.FormDataContentType(), &b
}
