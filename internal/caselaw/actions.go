package caselaw

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// formRev reads the revision a review form acts on.
func formRev(r *http.Request) (int, error) {
	if err := web.ParseForm(r); err != nil {
		return 0, err
	}
	rev, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("rev")))
	if err != nil || rev < 1 {
		return 0, errs.Invalid().Field("rev", "err.caselaw_rev")
	}
	return rev, nil
}

// publish makes the reviewed revision public, or shows the case again with
// the reason it cannot be.
func (h *Web) publish(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("case")
	rev, err := formRev(r)
	if err == nil {
		if _, err = h.Svc.Publish(r.Context(), auth.FromContext(r.Context()), ref, rev); err == nil {
			return web.Redirect(w, r, "/caselaw/"+ref, "flash.caselaw_published")
		}
	}
	return h.reviewFailed(w, r, ref, err)
}

// confirm records that the flagged identifiers are not personal data.
func (h *Web) confirm(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("case")
	rev, err := formRev(r)
	if err == nil {
		if err = h.Svc.Confirm(r.Context(), auth.FromContext(r.Context()), ref, rev); err == nil {
			return web.Redirect(w, r, "/caselaw/"+ref, "flash.caselaw_confirmed")
		}
	}
	return h.reviewFailed(w, r, ref, err)
}

// attach stores an uploaded judgment.
func (h *Web) attach(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("case")
	by := auth.FromContext(r.Context())
	if _, err := h.Svc.Get(r.Context(), by, ref); err != nil {
		return err
	}
	err := parseUpload(r)
	var data []byte
	name := ""
	if err == nil {
		f, hdr, ferr := r.FormFile("file")
		if ferr != nil {
			err = errs.Invalid().Field("file", "err.caselaw_file_required")
		} else {
			data, err = io.ReadAll(f)
			f.Close()
			name = hdr.Filename
		}
	}
	if err == nil {
		if _, err = h.Svc.Attach(r.Context(), by, ref, name, data); err == nil {
			return web.Redirect(w, r, "/caselaw/"+ref, "flash.caselaw_file_added")
		}
	}
	return h.reviewFailed(w, r, ref, err)
}

// reviewFailed shows the case page again with the error of a review
// action (a stale revision, flagged identifiers, the inclusion rule, a
// refused file); other errors go on to the error page.
func (h *Web) reviewFailed(w http.ResponseWriter, r *http.Request, ref string, err error) error {
	if k := errs.As(err).Kind; k != errs.KindInvalid && k != errs.KindConflict {
		return err
	}
	by := auth.FromContext(r.Context())
	rec, gerr := h.Svc.Get(r.Context(), by, ref)
	if gerr != nil {
		return gerr
	}
	p := h.UI.NewPage(w, r, "caselaw.title", nil)
	d, derr := h.caseView(r, rec, false)
	if derr != nil {
		return derr
	}
	p.Data, p.Form = d, web.NewForm(r.PostForm)
	p.Form.Err, p.Status = errs.As(err), web.Status(errs.As(err).Kind)
	return h.UI.Render(w, r, "caselaw/case", p)
}
