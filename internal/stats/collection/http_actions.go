package collection

import (
	"bytes"
	"mime"
	"net/http"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// upload makes an uploaded questionnaire the draft and shows the page
// with what was found, each problem at its spreadsheet cell.
func (h *Web) upload(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	up, err := web.ReadUpload(r, "file", UploadLimits, func() error { return h.Svc.MayEdit(r.Context(), by, id) })
	if err == nil && up == nil {
		err = errs.Invalid().Field("file", "err.stats_file_required")
	}
	if err != nil {
		return h.formFailed(w, r, id, err)
	}
	rep, err := h.Svc.Upload(r.Context(), by, id, up.Name, up.Data)
	if err != nil {
		return h.formFailed(w, r, id, err)
	}
	d, err := h.submissionData(r, id)
	if err != nil {
		return err
	}
	t := h.UI.Localizer(r)
	d.Upload = rep
	for _, p := range rep.Problems {
		d.Uploaded = append(d.Uploaded, located{Text: p.Located(t), Warning: p.Severity != SevError})
	}
	page := h.UI.NewPage(w, r, "collection.submission_title", d)
	if !rep.Stored || rep.Errors() > 0 {
		page.Status = http.StatusUnprocessableEntity
	}
	return h.UI.Render(w, r, "collection/submission", page)
}

// download sends the questionnaire in the requester's language.
func (h *Web) download(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	name, err := h.Svc.Questionnaire(r.Context(), auth.FromContext(r.Context()), id, h.UI.Localizer(r), &buf)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, err = buf.WriteTo(w)
	return err
}

type versionPage struct {
	V       *VersionView
	Country string
	Cells   []option // label, value
	Changes []changeRow
}

type changeRow struct {
	Change
	ID, Label string
}

// version shows one version's cells and its changes since the previous.
func (h *Web) version(w http.ResponseWriter, r *http.Request) error {
	v, err := h.pathVersionOf(r)
	if err != nil {
		return err
	}
	t := h.UI.Localizer(r)
	c, _ := h.Svc.Geo.Country(v.Submission.ISO3)
	d := &versionPage{V: v, Country: c.Name(web.LangOf(r).Code)}
	for _, cell := range v.Cells {
		d.Cells = append(d.Cells, option{Value: cell.Value.String(), Label: Describe(t, cell.CellKey)})
	}
	for _, ch := range v.Changes {
		d.Changes = append(d.Changes, changeRow{Change: ch, ID: "change-" + ch.Cell.ID(), Label: Describe(t, ch.Cell)})
	}
	return h.UI.Show(w, r, "collection/version", "collection.version_title", d)
}

// act runs a workflow action that takes at most a note, then comes back
// to the submission with its flash.
func (h *Web) act(action string) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := postedID(r)
		if err != nil {
			return err
		}
		by, ctx := auth.FromContext(r.Context()), r.Context()
		switch action {
		case ActRevise:
			err = h.Svc.Revise(ctx, by, id)
		case ActBegin:
			err = h.Svc.Begin(ctx, by, id)
		case ActValidate:
			err = h.Svc.Validate(ctx, by, id)
		case ActReturn:
			err = h.Svc.Return(ctx, by, id, r.PostFormValue("note"))
		case ActPublish:
			if r.PostFormValue("confirm") != "yes" {
				if shown, err := h.confirmPublish(w, r, id); shown || err != nil {
					return err
				}
			}
			_, err = h.Svc.Publish(ctx, by, id)
		}
		if err != nil {
			return h.formFailed(w, r, id, err)
		}
		return web.Redirect(w, r, submissionPath(id), actionFlash[action])
	}
}

// confirmPublish shows the submission with the step that confirms
// publishing (a form, so it works without JavaScript) when the user may
// publish now; otherwise it shows nothing, and publishing itself says why
// it may not.
func (h *Web) confirmPublish(w http.ResponseWriter, r *http.Request, id int64) (bool, error) {
	d, err := h.submissionData(r, id)
	if err != nil || !d.V.Actions.Publish {
		return false, err
	}
	d.ConfirmPublish = true
	return true, h.UI.Show(w, r, "collection/submission", "collection.submission_title", d)
}

// actionFlash is the message shown after each action.
var actionFlash = map[string]string{ActRevise: "flash.collection_revise", ActBegin: "flash.collection_begin",
	ActValidate: "flash.collection_validate", ActReturn: "flash.collection_return", ActPublish: "flash.collection_publish"}

// formFailed shows the submission page again with err beside its field,
// or passes err on when it is not about the input.
func (h *Web) formFailed(w http.ResponseWriter, r *http.Request, id int64, err error) error {
	if !web.IsFormError(err) {
		return err
	}
	d, derr := h.submissionData(r, id)
	if derr != nil {
		return derr
	}
	return h.UI.FormError(w, r, "collection/submission", "collection.submission_title", d, err)
}

func (h *Web) raiseQuery(w http.ResponseWriter, r *http.Request) error {
	id, err := postedID(r)
	if err != nil {
		return err
	}
	in := QueryInput{Cell: r.PostFormValue("cell"), Question: r.PostFormValue("question")}
	if _, err := h.Svc.RaiseQuery(r.Context(), auth.FromContext(r.Context()), id, in); err != nil {
		return h.formFailed(w, r, id, err)
	}
	return web.Redirect(w, r, submissionPath(id)+"#queries", "flash.collection_query_raised")
}

func (h *Web) answerQuery(w http.ResponseWriter, r *http.Request) error {
	qid, err := postedID(r)
	if err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	q, err := h.Svc.AnswerQuery(r.Context(), by, qid, AnswerInput{Answer: r.PostFormValue("answer"), Value: r.PostFormValue("value")})
	if err != nil {
		subID, lerr := h.Svc.QuerySubmission(r.Context(), by, qid)
		if lerr != nil {
			return lerr
		}
		return h.formFailed(w, r, subID, err)
	}
	return web.Redirect(w, r, submissionPath(q.SubmissionID)+"#queries", "flash.collection_query_answered")
}

func (h *Web) closeQuery(w http.ResponseWriter, r *http.Request) error {
	qid, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	subID, err := h.Svc.QuerySubmission(r.Context(), by, qid)
	if err != nil {
		return err
	}
	if err := h.Svc.CloseQuery(r.Context(), by, qid); err != nil {
		return h.formFailed(w, r, subID, err)
	}
	return web.Redirect(w, r, submissionPath(subID)+"#queries", "flash.collection_query_closed")
}
