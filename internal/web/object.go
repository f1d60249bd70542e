package web

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
)

// The forms and downloads on one object a room's path names by {id}: a
// proposal, an application, a review. Each room's handlers say what the
// act is and which page shows the object; the steps around it are here.

// ObjectPage shows the object numbered id, with err beside its field when
// a form on it failed (err nil: the page as it is).
type ObjectPage func(w http.ResponseWriter, r *http.Request, id int64, err error) error

// OnObject runs act on the object the path's {id} names, with its form
// read, and sends the reader back to path(id) with flash; an error of the
// form shows page again with the error beside its field, any other error
// goes to the router. A form that carries a file is left unread for act,
// which reads it with ReadFile after its permission check.
func OnObject(w http.ResponseWriter, r *http.Request, flash string, path func(id int64) string, page ObjectPage, act func(id int64) error) error {
	id, err := PathID(r, "id")
	if err != nil {
		return err
	}
	if err := ParseForm(r); err != nil {
		return err
	}
	err = act(id)
	if IsFormError(err) {
		return page(w, r, id, err)
	}
	if err != nil {
		return err
	}
	return Redirect(w, r, path(id), flash)
}

// ReadFile is ReadUpload for a form whose file is required: a form sent
// without one is an error beside field.
func ReadFile(r *http.Request, field string, lim intake.Limits, allowed func() error) (*Upload, error) {
	up, err := ReadUpload(r, field, lim, allowed)
	if err == nil && up == nil {
		err = errs.Invalid().Field(field, "err.file_missing")
	}
	return up, err
}

// StoredFile is a file kept with an object, as a download sends it.
type StoredFile struct {
	Name        string
	ContentType string // "" sends application/octet-stream
	Data        []byte
}

// Download is the handler of .../{id}/files/{file}: get returns the file
// once the service has checked that the reader may see the object, and it
// goes out as an attachment, never shown inline.
func Download(get func(r *http.Request, id, file int64) (StoredFile, error)) Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := PathID(r, "id")
		if err != nil {
			return err
		}
		fid, err := PathID(r, "file")
		if err != nil {
			return err
		}
		f, err := get(r, id, fid)
		if err != nil {
			return err
		}
		ct := f.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		return SendFile(w, ct, f.Name, f.Data)
	}
}
