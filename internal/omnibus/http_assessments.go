package omnibus

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

type assessmentsData struct {
	Assessments []*Assessment
	// Startable are the questionnaires the focal point's State is party to
	// and has not started.
	Startable []*Questionnaire
	Country   string
	Countries []geo.Country // for an admin, who starts for any State
	Values    url.Values
}

func (h *Web) assessmentsPage(w http.ResponseWriter, r *http.Request, values url.Values, ferr error) error {
	by := auth.FromContext(r.Context())
	list, err := h.Svc.Assessments(r.Context(), by)
	if err != nil {
		return err
	}
	d := assessmentsData{Assessments: list, Values: values}
	if by.Has(auth.RoleFocalPoint) && by.Country != "" {
		d.Country = by.Country
		for _, q := range h.Svc.Questionnaires() {
			started := false
			for _, a := range list {
				started = started || (a.Country == by.Country && a.Questionnaire == q.ID)
			}
			party, err := h.Svc.IsParty(r.Context(), q.Instrument, by.Country)
			if err != nil {
				return err
			}
			if party && !started {
				d.Startable = append(d.Startable, q)
			}
		}
	} else if by.IsAdmin() {
		d.Startable = h.Svc.Questionnaires()
		d.Countries = h.Geo.Countries()
	}
	return h.UI.ShowForm(w, r, "omnibus/assessments", "omnibus.assessments_title", d, ferr)
}

func (h *Web) assessments(w http.ResponseWriter, r *http.Request) error {
	return h.assessmentsPage(w, r, url.Values{}, nil)
}

// start opens a self-assessment: the focal point's own country, or the
// country an admin chose.
func (h *Web) start(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	iso3 := by.Country
	if !by.Has(auth.RoleFocalPoint) {
		iso3 = r.PostForm.Get("country")
	}
	a, err := h.Svc.Start(r.Context(), by, iso3, r.PostForm.Get("questionnaire"))
	if web.IsFormError(err) {
		return h.assessmentsPage(w, r, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return web.Redirect(w, r, assessmentPath(a.ID), "flash.omnibus_started")
}

type sheetData struct {
	Sheet    *Sheet
	Articles []ArticleView
	Total    Progress
	Gaps     *Gaps
	CanPDF   bool
	Reopen   bool
}

func (h *Web) openSheet(r *http.Request) (*Sheet, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.Svc.Open(r.Context(), auth.FromContext(r.Context()), id)
}

// assessment is an assessment's overview: each article's progress and
// status, and the actions its reader may take.
func (h *Web) assessment(w http.ResponseWriter, r *http.Request) error {
	sh, err := h.openSheet(r)
	if err != nil {
		return err
	}
	return h.showSheet(w, r, sh, nil)
}

func (h *Web) showSheet(w http.ResponseWriter, r *http.Request, sh *Sheet, ferr error) error {
	avs := articleViews(sh, nil)
	d := sheetData{Sheet: sh, Articles: avs, Total: totalProgress(avs), Gaps: GapsOf(sh), CanPDF: h.Printer.Available(),
		Reopen: isSecretariat(auth.FromContext(r.Context())) && sh.Assessment.Status == AssessmentSubmitted}
	return h.UI.ShowForm(w, r, "omnibus/assessment", "omnibus.assessment_title", d, ferr)
}

// Statuses lists the article statuses, for the gap tables.
func (sheetData) Statuses() []Status { return Statuses }

type articleData struct {
	Sheet   *Sheet
	Article ArticleView
	Prev    string
	Next    string
	Saved   bool
	Values  url.Values // what was submitted, when the form failed
}

// The choices the answering form offers, for the templates.
func (d *articleData) CitationParts() []string {
	return []string{"title", "article", "year", "link", "record"}
}
func (d *articleData) AssistanceTypes() []string { return AssistanceTypes }
func (d *articleData) Priorities() []string      { return Priorities }

// Text returns the submitted value of field when the form failed, else
// what the answer holds (given by the template).
func (d *articleData) Text(field, stored string) string {
	if d.Values != nil {
		return d.Values.Get(field)
	}
	return stored
}

func (h *Web) articleData(sh *Sheet, number string) (*articleData, error) {
	q := sh.Questionnaire
	art := q.Article(number)
	if art == nil {
		return nil, errs.NotFound()
	}
	d := &articleData{Sheet: sh, Article: articleView(sh, art, nil)}
	for i, a := range q.Articles {
		if a == art {
			if i > 0 {
				d.Prev = q.Articles[i-1].Number
			}
			if i+1 < len(q.Articles) {
				d.Next = q.Articles[i+1].Number
			}
		}
	}
	return d, nil
}

// article is the answering page of one article (read-only for readers who
// may not answer).
func (h *Web) article(w http.ResponseWriter, r *http.Request) error {
	sh, err := h.openSheet(r)
	if err != nil {
		return err
	}
	d, err := h.articleData(sh, r.PathValue("article"))
	return h.UI.ShowRead(w, r, "omnibus/article", "omnibus.article_title", d, err)
}

// saveArticle stores an article's answers. Autosave (htmx) gets the form
// back, with the questions a changed answer shows or hides; a plain post
// goes back to the page with a flash.
func (h *Web) saveArticle(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	if err := h.Svc.MayEdit(r.Context(), by, id); err != nil {
		return err
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	number := r.PathValue("article")
	sh, err := h.Svc.SaveArticle(r.Context(), by, id, number, r.PostForm)
	htmx := r.Header.Get("HX-Request") == "true"
	if web.IsFormError(err) {
		sh, oerr := h.Svc.Open(r.Context(), by, id)
		if oerr != nil {
			return oerr
		}
		d, derr := h.articleData(sh, number)
		if derr != nil {
			return derr
		}
		d.Values = r.PostForm
		if htmx {
			return h.fragment(w, r, http.StatusOK, d, err) // htmx swaps only 2xx answers
		}
		return h.UI.FormError(w, r, "omnibus/article", "omnibus.article_title", d, err)
	}
	if err != nil {
		return err
	}
	if htmx {
		d, err := h.articleData(sh, number)
		if err != nil {
			return err
		}
		d.Saved = true
		return h.fragment(w, r, http.StatusOK, d, nil)
	}
	next := fmt.Sprintf("%s/articles/%s", assessmentPath(id), url.PathEscape(number))
	if r.PostForm.Get("then") == "next" {
		if d, err := h.articleData(sh, number); err == nil && d.Next != "" {
			next = fmt.Sprintf("%s/articles/%s", assessmentPath(id), url.PathEscape(d.Next))
		}
	}
	return web.Redirect(w, r, next, "flash.omnibus_saved")
}

// fragment answers an htmx save with the article form alone.
func (h *Web) fragment(w http.ResponseWriter, r *http.Request, status int, d *articleData, ferr error) error {
	p := h.UI.NewPage(w, r, "omnibus.article_title", d)
	p.Status = status
	if ferr != nil {
		p.Form = web.NewForm(d.Values)
		p.Form.Err = errs.As(ferr)
	}
	return h.UI.RenderFragment(w, r, "omnibus/article", p)
}

// attach takes a file for a file question, once the service has said the
// reader may change this assessment.
func (h *Web) attach(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	up, err := web.ReadFile(r, "file", FileLimits, func() error { return h.Svc.MayEdit(r.Context(), by, id) })
	question := r.PostForm.Get("question")
	if err == nil {
		_, err = h.Svc.Attach(r.Context(), by, id, question, up.Name, up.Data)
	}
	if web.IsFormError(err) {
		sh, oerr := h.Svc.Open(r.Context(), by, id)
		if oerr != nil {
			return oerr
		}
		_, qu := h.Svc.Set.Question(question)
		if qu == nil || qu.Article() == nil {
			return err
		}
		d, derr := h.articleData(sh, qu.Article().Number)
		if derr != nil {
			return derr
		}
		return h.UI.FormError(w, r, "omnibus/article", "omnibus.article_title", d, err)
	}
	if err != nil {
		return err
	}
	_, qu := h.Svc.Set.Question(question)
	return web.Redirect(w, r, fmt.Sprintf("%s/articles/%s#q-%s", assessmentPath(id), url.PathEscape(qu.Article().Number), qu.ID), "flash.omnibus_attached")
}

func (h *Web) fileIDs(r *http.Request) (int64, int64, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, 0, err
	}
	f, err := web.PathID(r, "file")
	return id, f, err
}

// file sends an attached file as a download, never shown inline.
func (h *Web) file(r *http.Request, id, fid int64) (web.StoredFile, error) {
	f, err := h.Svc.File(r.Context(), auth.FromContext(r.Context()), id, fid)
	if err != nil {
		return web.StoredFile{}, err
	}
	return web.StoredFile{Name: f.Name, Data: f.Data}, nil
}

func (h *Web) detach(w http.ResponseWriter, r *http.Request) error {
	id, fid, err := h.fileIDs(r)
	if err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	f, err := h.Svc.File(r.Context(), by, id, fid)
	if err != nil {
		return err
	}
	if err := h.Svc.Detach(r.Context(), by, id, fid); err != nil {
		return err
	}
	_, qu := h.Svc.Set.Question(f.Question)
	where := assessmentPath(id)
	if qu != nil {
		where = fmt.Sprintf("%s/articles/%s#q-%s", where, url.PathEscape(qu.Article().Number), qu.ID)
	}
	return web.Redirect(w, r, where, "flash.omnibus_detached")
}

// onAssessment runs a form action on the assessment the path names and
// goes back to its page, or shows the page with the error.
func (h *Web) onAssessment(w http.ResponseWriter, r *http.Request, act func(id int64) (string, error)) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	flash, err := act(id)
	if web.IsFormError(err) {
		sh, oerr := h.Svc.Open(r.Context(), auth.FromContext(r.Context()), id)
		if oerr != nil {
			return oerr
		}
		return h.showSheet(w, r, sh, err)
	}
	if err != nil {
		return err
	}
	return web.Redirect(w, r, assessmentPath(id), flash)
}

func (h *Web) submit(w http.ResponseWriter, r *http.Request) error {
	return h.onAssessment(w, r, func(id int64) (string, error) {
		_, err := h.Svc.Submit(r.Context(), auth.FromContext(r.Context()), id)
		return "flash.omnibus_submitted", err
	})
}

func (h *Web) reopen(w http.ResponseWriter, r *http.Request) error {
	return h.onAssessment(w, r, func(id int64) (string, error) {
		_, err := h.Svc.Reopen(r.Context(), auth.FromContext(r.Context()), id)
		return "flash.omnibus_reopened", err
	})
}

func (h *Web) importAnswers(w http.ResponseWriter, r *http.Request) error {
	return h.onAssessment(w, r, func(id int64) (string, error) {
		n, err := h.Svc.Import(r.Context(), auth.FromContext(r.Context()), id)
		if n == 0 {
			return "flash.omnibus_nothing_imported", err
		}
		return "flash.omnibus_imported", err
	})
}

// gaps is the gap summary of one assessment.
func (h *Web) gaps(w http.ResponseWriter, r *http.Request) error {
	sh, err := h.openSheet(r)
	if err != nil {
		return err
	}
	avs := articleViews(sh, nil)
	return h.UI.Show(w, r, "omnibus/gaps", "omnibus.gaps_title", sheetData{Sheet: sh, Articles: avs, Total: totalProgress(avs), Gaps: GapsOf(sh)})
}
