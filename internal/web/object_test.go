package web_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/web"
)

// TestOnObject: a form on one object goes back to it, comes back with an
// error of the form, and leaves other errors and bad ids to the router.
func TestOnObject(t *testing.T) {
	path := func(id int64) string { return "/things/" + strconv.FormatInt(id, 10) + "#done" }
	var shown error
	page := func(w http.ResponseWriter, r *http.Request, id int64, err error) error {
		shown = err
		w.WriteHeader(http.StatusUnprocessableEntity)
		return nil
	}
	run := func(id string, act func(int64) error) (*httptest.ResponseRecorder, error) {
		r := httptest.NewRequest(http.MethodPost, "/things/"+id, strings.NewReader("note=hello"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.SetPathValue("id", id)
		w := httptest.NewRecorder()
		shown = nil
		return w, web.OnObject(w, r, "flash.saved", path, page, act)
	}
	var got int64
	var note string
	w, err := run("12", func(id int64) error { got = id; return nil })
	if err != nil || got != 12 || w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/things/12#done" {
		t.Fatalf("success: %v, id %d, %d %q", err, got, w.Code, w.Header().Get("Location"))
	}
	bad := errs.Invalid().Field("note", "err.note")
	w, err = run("12", func(int64) error { return bad })
	if err != nil || shown != bad || w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("form error: %v, shown %v, %d", err, shown, w.Code)
	}
	_, err = run("12", func(int64) error { return errs.Forbidden() })
	if !errs.Is(err, errs.KindForbidden) || shown != nil {
		t.Fatalf("refusal: %v, shown %v", err, shown)
	}
	called := false
	_, err = run("x", func(int64) error { called = true; return nil })
	if !errs.Is(err, errs.KindNotFound) || called {
		t.Fatalf("bad id: %v, act called %v", err, called)
	}
	r := httptest.NewRequest(http.MethodPost, "/things/3", strings.NewReader("note=hello"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.SetPathValue("id", "3")
	_ = web.OnObject(httptest.NewRecorder(), r, "", path, page, func(int64) error { note = r.PostForm.Get("note"); return nil })
	if note != "hello" {
		t.Fatalf("the form was not read before the act: %q", note)
	}
}

func TestReadFileRequiresAFile(t *testing.T) {
	body, ct := multipartBody(t, [][2]string{{"title", "x"}}, "", nil)
	r := httptest.NewRequest(http.MethodPost, "/x", body)
	r.Header.Set("Content-Type", ct)
	up, err := web.ReadFile(r, "file", intake.Limits{Bytes: 10}, func() error { return nil })
	if up != nil || errs.FieldKeys(err)["file"] != "err.file_missing" {
		t.Fatalf("got %v, %v", up, err)
	}
	refused := errs.Forbidden()
	r = httptest.NewRequest(http.MethodPost, "/x", untouchable{t})
	r.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	if _, err := web.ReadFile(r, "file", intake.Limits{Bytes: 10}, func() error { return refused }); err != refused {
		t.Fatalf("err = %v; want the check's own", err)
	}
}

func TestDownload(t *testing.T) {
	h := web.Download(func(_ *http.Request, id, file int64) (web.StoredFile, error) {
		if id != 4 || file != 9 {
			return web.StoredFile{}, errs.NotFound()
		}
		return web.StoredFile{Name: "plan.pdf", Data: []byte("%PDF-1.4")}, nil
	})
	get := func(id, file string) (*httptest.ResponseRecorder, error) {
		r := httptest.NewRequest(http.MethodGet, "/x", nil)
		r.SetPathValue("id", id)
		r.SetPathValue("file", file)
		w := httptest.NewRecorder()
		return w, h(w, r)
	}
	w, err := get("4", "9")
	if err != nil || w.Header().Get("Content-Type") != "application/octet-stream" ||
		!strings.HasPrefix(w.Header().Get("Content-Disposition"), "attachment") || w.Body.String() != "%PDF-1.4" {
		t.Fatalf("%v %v %q", err, w.Header(), w.Body.String())
	}
	for _, c := range [][2]string{{"4", "8"}, {"4", "x"}, {"0", "9"}} {
		if _, err := get(c[0], c[1]); !errs.Is(err, errs.KindNotFound) {
			t.Errorf("%v: %v", c, err)
		}
	}
}
