package bodies_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/bodies"
)

// TestDocumentRoundTrip: an editor adds a meeting and uploads a document;
// anyone downloads the same bytes with the sniffed type and its SHA-256; a
// file over the limit and a missing file are refused beside the field.
func TestDocumentRoundTrip(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		c := srv.SignIn(t, srv.CreateUser(t, "editor@example.org", auth.RoleEditor))
		res := srv.Post(t, c, "/bodies/icat/meetings", url.Values{"form": {"meeting"}, "title": {"Principals meeting"},
			"date": {"2024-03-05"}, "place": {"Vienna"}})
		if res.Body.Close(); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add meeting: %d", res.StatusCode)
		}
		meetings := apiBody(t, srv, "icat")["meetings"].([]any)
		mid := strconv.FormatInt(int64(meetings[0].(map[string]any)["id"].(float64)), 10)
		path := "/bodies/icat/meetings/" + mid + "/documents"
		scope := url.Values{"form": {"document-" + mid}, "title": {"Agenda"}}

		data := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("tipsom"), 5000)...)
		res = srv.PostFile(t, c, path, scope, "agenda (final).pdf", data)
		if res.Body.Close(); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/bodies/icat#meeting-"+mid {
			t.Fatalf("upload: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		docs := apiBody(t, srv, "icat")["meetings"].([]any)[0].(map[string]any)["documents"].([]any)
		doc := docs[0].(map[string]any)
		sum := sha256.Sum256(data)
		if doc["sha256"] != hex.EncodeToString(sum[:]) || doc["content_type"] != "image/png" || doc["size"] != float64(len(data)) {
			t.Fatalf("stored document = %v", doc)
		}

		res = srv.Get(t, apptest.Client(), doc["url"].(string))
		got, _ := io.ReadAll(res.Body)
		res.Body.Close()
		gotSum := sha256.Sum256(got)
		if res.StatusCode != http.StatusOK || gotSum != sum || res.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("download: %d, %s, %d bytes", res.StatusCode, res.Header.Get("Content-Type"), len(got))
		}
		if cd := res.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, "agenda (final).pdf") {
			t.Errorf("Content-Disposition = %q", cd)
		}
		if et := res.Header.Get("ETag"); et != `"`+hex.EncodeToString(sum[:])+`"` {
			t.Errorf("ETag = %q", et)
		}

		res = srv.PostFile(t, c, path, scope, "", nil)
		if body := apptest.ReadBody(t, res); res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(body, `id="f-document-`+mid+`-file-error" data-error="err.bodies_file_required"`) {
			t.Fatalf("no file: %d", res.StatusCode)
		}
		// A file over the limit is refused as it is read (413), the form
		// coming back with the limit beside the file field.
		res = srv.PostFile(t, c, path, scope, "big.bin", make([]byte, bodies.MaxDocument+1))
		if body := apptest.ReadBody(t, res); res.StatusCode != http.StatusRequestEntityTooLarge ||
			!strings.Contains(body, `id="f-document-`+mid+`-file-error"`) {
			t.Fatalf("file over the limit: %d", res.StatusCode)
		}
		res = srv.PostFile(t, c, path, scope, "huge.bin", make([]byte, bodies.MaxDocument+(2<<20)))
		if res.Body.Close(); res.StatusCode != http.StatusRequestEntityTooLarge {
			t.Fatalf("body over the route's limit: %d, want 413", res.StatusCode)
		}
		res = srv.PostFile(t, apptest.Client(), path, scope, "a.txt", []byte("hello"))
		if res.Body.Close(); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("anonymous upload: %d, want 401", res.StatusCode)
		}
		if n := len(apiBody(t, srv, "icat")["meetings"].([]any)[0].(map[string]any)["documents"].([]any)); n != 1 {
			t.Fatalf("%d documents after the refused uploads, want 1", n)
		}
	})
}
