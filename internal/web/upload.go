package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
)

// Upload is the file a form carried, read whole within its limit.
type Upload struct {
	Name string // the sender's name for it, without any folder
	Data []byte
}

// Parts returns the file's name and bytes, or nothing when no file, or an
// empty one, came with an optional file field.
func (u *Upload) Parts() (string, []byte) {
	if u == nil || len(u.Data) == 0 {
		return "", nil
	}
	return u.Name, u.Data
}

// Limits on the ordinary fields of an upload form, beside its file: a
// megabyte in all (text pasted instead of a file included).
const (
	maxFormBytes = 1 << 20
	maxFields    = 1000
)

// UploadLimit is the route option of a route that takes a file under lim:
// its body may hold the file and a form's worth of fields, and tests find
// the upload routes by it.
func UploadLimit(lim intake.Limits) RouteOption {
	return func(r *Route) {
		r.MaxBody = lim.Bytes + maxFormBytes
		l := lim
		r.Upload = &l
	}
}

// ReadUpload reads a form that may carry a file in field, once allowed has
// said the request may act on its object: nothing of the body is read
// before that, so a refused or misdirected upload costs nothing. The form's
// other fields land in r.PostForm (and r.Form) as ParseForm would put them;
// the file, at most lim.Bytes, comes back, or nil when the form had none
// (a browser sends no file name when none was chosen; a chosen empty file
// comes back empty). A form sent without multipart encoding is read as a
// plain form.
func ReadUpload(r *http.Request, field string, lim intake.Limits, allowed func() error) (*Upload, error) {
	if err := allowed(); err != nil {
		return nil, err
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		return nil, ParseForm(r)
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, errs.Invalid().Field("body", "err.form_invalid")
	}
	values := url.Values{}
	// The fields read before any refusal are kept, so a form that comes
	// back with the error still knows which form it was and what it held.
	defer setForm(r, values)
	var up *Upload
	total := 0
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, uploadError(err, field, lim)
		}
		name := part.FormName()
		switch {
		case name == field && part.FileName() != "":
			data, err := io.ReadAll(io.LimitReader(part, lim.Bytes+1))
			if err != nil {
				return nil, uploadError(err, field, lim)
			}
			if err := lim.CheckBytes(field, int64(len(data))); err != nil {
				return nil, err
			}
			up = &Upload{Name: baseName(part.FileName()), Data: data}
		case part.FileName() != "" || name == "":
			// A file nobody asked for: skipped unread, within the body limit.
		default:
			v, err := io.ReadAll(io.LimitReader(part, int64(maxFormBytes-total+1)))
			if err != nil {
				return nil, uploadError(err, field, lim)
			}
			if total += len(v); total > maxFormBytes || len(values) >= maxFields {
				return nil, errs.TooLarge()
			}
			values.Add(name, string(v))
		}
		part.Close()
	}
	return up, nil
}

// setForm puts a multipart form's fields where ParseForm would have.
func setForm(r *http.Request, values url.Values) {
	r.PostForm = values
	r.Form = url.Values{}
	for k, vs := range r.URL.Query() {
		r.Form[k] = vs
	}
	for k, vs := range values {
		r.Form[k] = slices.Concat(vs, r.Form[k])
	}
}

// uploadError turns a body over the route's limit into the file's limit.
func uploadError(err error, field string, lim intake.Limits) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return intake.Exceeded(field, intake.KeyBytes, lim.Bytes)
	}
	return errs.Invalid().Field("body", "err.form_invalid")
}

// baseName keeps the last element of a file name sent from any system.
func baseName(name string) string {
	name = strings.TrimSpace(filepath.Base(strings.ReplaceAll(name, `\`, "/")))
	if name == "." || name == "/" {
		return ""
	}
	return name
}
