package caselaw

import (
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

// attach stores an uploaded judgment, once the case is known to be the
// uploader's to draft.
func (h *Web) attach(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("case")
	by := auth.FromContext(r.Context())
	up, err := web.ReadUpload(r, "file", JudgmentLimits, func() error { return h.Svc.MayDraft(r.Context(), by, ref) })
	if err == nil && up == nil {
		err = errs.Invalid().Field("file", "err.caselaw_file_required")
	}
	if err == nil {
		if _, err = h.Svc.Attach(r.Context(), by, ref, up.Name, up.Data); err == nil {
			return web.Redirect(w, r, "/caselaw/"+ref, "flash.caselaw_file_added")
		}
	}
	return h.reviewFailed(w, r, ref, err)
}

// removeFile takes a file off the draft it was added to.
func (h *Web) removeFile(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("case")
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Svc.RemoveFile(r.Context(), auth.FromContext(r.Context()), ref, id); err != nil {
		return h.reviewFailed(w, r, ref, err)
	}
	return web.Redirect(w, r, "/caselaw/"+ref, "flash.caselaw_file_removed")
}

// reviewFailed shows the case page again with the error of a review
// action (a stale revision, flagged identifiers, the inclusion rule, a
// refused file); other errors go on to the error page.
func (h *Web) reviewFailed(w http.ResponseWriter, r *http.Request, ref string, err error) error {
	if !web.IsFormError(err) {
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
