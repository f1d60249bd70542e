package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/errs"
)

// Form is a submitted HTML form with its validation errors, for re-rendering
// the page with each message beside its field.
type Form struct {
	Values url.Values
	Err    *errs.Error
}

// NewForm wraps submitted values.
func NewForm(v url.Values) *Form { return &Form{Values: v} }

// Get returns a submitted value.
func (f *Form) Get(name string) string {
	if f == nil {
		return ""
	}
	return f.Values.Get(name)
}

// Has reports whether value is among the values submitted for name (checkboxes).
func (f *Form) Has(name, value string) bool {
	if f == nil {
		return false
	}
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// Error returns the message key of the error on field, or "".
func (f *Form) Error(field string) string {
	if f == nil || f.Err == nil {
		return ""
	}
	return f.Err.FieldKey(field)
}

// ErrorArgs returns the arguments of the error on field.
func (f *Form) ErrorArgs(field string) map[string]any {
	if f == nil || f.Err == nil {
		return nil
	}
	for _, fe := range f.Err.Fields {
		if fe.Field == field {
			return fe.Args
		}
	}
	return nil
}

// Failed reports whether the form has any error.
func (f *Form) Failed() bool { return f != nil && f.Err != nil }

// ParseForm parses a form body, turning an oversized body into 413.
func ParseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return errs.TooLarge()
		}
		return errs.Invalid().Field("body", "err.form_invalid")
	}
	return nil
}

// FormInt64 reads an integer form value; "" is 0.
func FormInt64(r *http.Request, name string) (int64, error) {
	v := strings.TrimSpace(r.FormValue(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, errs.Invalid().Field(name, "err.number_invalid")
	}
	return n, nil
}

// PathID reads the {name} path value as a positive integer, or not found.
func PathID(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0, errs.NotFound()
	}
	return n, nil
}

// DecodeJSON reads one JSON value into v, refusing unknown fields, trailing
// data and oversized bodies, each with an error naming the problem.
func DecodeJSON(r *http.Request, v any) error {
	ct := r.Header.Get("Content-Type")
	if ct != "" && !strings.HasPrefix(ct, "application/json") {
		return errs.Invalid().Field("body", "err.json_content_type")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errs.Invalid().Field("body", "err.json_trailing")
	}
	return nil
}

func jsonError(err error) error {
	var tooBig *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return errs.TooLarge()
	case errors.Is(err, io.EOF):
		return errs.Invalid().Field("body", "err.json_empty")
	case errors.As(err, &syntax):
		return errs.Invalid().Field("body", "err.json_syntax", "Offset", syntax.Offset)
	case errors.As(err, &typ):
		return errs.Invalid().Field(typ.Field, "err.json_type", "Want", typ.Type.String())
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return errs.Invalid().Field(field, "err.json_unknown_field")
	}
	return errs.Invalid().Field("body", "err.json_syntax", "Offset", fmt.Sprint(0))
}

// WriteJSON writes v as JSON with status.
func WriteJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// secretFields are never sent back in a re-rendered form.
var secretFields = []string{"password", "current_password", "new_password", "confirm_password", "code"}

// FormError re-renders page with the submitted values and err beside its
// fields (status 422, 409, 429, or 413 for a file over one of its limits).
// Errors that are not about the input go on to the usual error rendering.
func (u *UI) FormError(w http.ResponseWriter, r *http.Request, page, title string, data any, err error) error {
	if !IsFormError(err) {
		return err
	}
	e := errs.As(err)
	p := u.NewPage(w, r, title, data)
	p.Form = NewForm(r.PostForm)
	for _, secret := range secretFields {
		p.Form.Values.Del(secret)
	}
	p.Form.Err, p.Status = e, Status(e.Kind)
	return u.Render(w, r, page, p)
}

// ShowForm shows page, or with ferr the page again as FormError does: the
// one call of a page that a form on it may come back to.
func (u *UI) ShowForm(w http.ResponseWriter, r *http.Request, page, title string, data any, ferr error) error {
	if ferr != nil {
		return u.FormError(w, r, page, title, data, ferr)
	}
	return u.Show(w, r, page, title, data)
}

// IsFormError reports whether err is about what a form submitted, so the
// form should come back with it beside the field rather than an error page.
func IsFormError(err error) bool {
	switch e := errs.As(err); e.Kind {
	case errs.KindInvalid, errs.KindTooMany, errs.KindConflict:
		return true
	case errs.KindTooLarge:
		return len(e.Fields) > 0
	}
	return false
}
