package web_test

import (
	"bytes"
	"errors"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/web"
)

// untouchable is a body that fails the test if anything reads it.
type untouchable struct{ t *testing.T }

func (u untouchable) Read([]byte) (int, error) {
	u.t.Error("the body was read before the upload was allowed")
	return 0, errors.New("read")
}

func multipartBody(t *testing.T, fields [][2]string, file string, data []byte) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range fields {
		mw.WriteField(f[0], f[1])
	}
	if file != "" {
		w, _ := mw.CreateFormFile("file", file)
		w.Write(data)
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}

func TestReadUploadChecksFirst(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/x", untouchable{t})
	r.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	refused := errs.Forbidden()
	up, err := web.ReadUpload(r, "file", intake.Limits{Bytes: 10}, func() error { return refused })
	if up != nil || err != refused {
		t.Fatalf("got %v, %v; want the check's own error", up, err)
	}
}

func TestReadUpload(t *testing.T) {
	allow := func() error { return nil }
	lim := intake.Limits{Bytes: 100}
	t.Run("file and fields", func(t *testing.T) {
		body, ct := multipartBody(t, [][2]string{{"title", "Agenda"}, {"form", "doc"}}, `C:\Users\me\agenda.pdf`, []byte("%PDF-1.4 hello"))
		r := httptest.NewRequest(http.MethodPost, "/x?lang=fr", body)
		r.Header.Set("Content-Type", ct)
		up, err := web.ReadUpload(r, "file", lim, allow)
		if err != nil {
			t.Fatal(err)
		}
		if up.Name != "agenda.pdf" || string(up.Data) != "%PDF-1.4 hello" {
			t.Fatalf("upload = %q %q", up.Name, up.Data)
		}
		if r.PostFormValue("title") != "Agenda" || r.FormValue("lang") != "fr" || r.PostFormValue("lang") != "" {
			t.Fatalf("form = %v, post form = %v", r.Form, r.PostForm)
		}
	})
	t.Run("file over its limit", func(t *testing.T) {
		body, ct := multipartBody(t, [][2]string{{"form", "doc"}}, "big.bin", bytes.Repeat([]byte("x"), 101))
		r := httptest.NewRequest(http.MethodPost, "/x", body)
		r.Header.Set("Content-Type", ct)
		_, err := web.ReadUpload(r, "file", lim, allow)
		e := errs.As(err)
		if e.Kind != errs.KindTooLarge || e.FieldKey("file") != intake.KeyBytes || e.Fields[0].Args["Max"] != "100 bytes" {
			t.Fatalf("err = %v %+v", err, e.Fields)
		}
		if r.PostFormValue("form") != "doc" {
			t.Fatalf("the fields read before the refusal are lost: %v", r.PostForm)
		}
	})
	t.Run("no file chosen", func(t *testing.T) {
		body, ct := multipartBody(t, [][2]string{{"title", "x"}}, "", nil)
		r := httptest.NewRequest(http.MethodPost, "/x", body)
		r.Header.Set("Content-Type", ct)
		if up, err := web.ReadUpload(r, "file", lim, allow); up != nil || err != nil {
			t.Fatalf("got %v, %v", up, err)
		}
	})
	t.Run("fields over a megabyte", func(t *testing.T) {
		body, ct := multipartBody(t, [][2]string{{"csv", strings.Repeat("a", 1<<20+1)}}, "", nil)
		r := httptest.NewRequest(http.MethodPost, "/x", body)
		r.Header.Set("Content-Type", ct)
		if _, err := web.ReadUpload(r, "file", lim, allow); !errs.Is(err, errs.KindTooLarge) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("plain form", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodPost, "/x", strings.NewReader("csv=ISL%2CA"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if up, err := web.ReadUpload(r, "file", lim, allow); up != nil || err != nil || r.PostFormValue("csv") != "ISL,A" {
			t.Fatalf("got %v, %v, %v", up, err, r.PostForm)
		}
	})
}
