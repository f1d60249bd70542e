package caselaw

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// caseData is what templates/case.html shows.
type caseData struct {
	R          *Record
	Country    string
	Texts      []textBlock
	Keywords   []keywordGroup
	Inclusion  *errs.Error // the rule's findings, for those who may fix them
	CanEdit    bool
	IsEditor   bool
	Historical bool // an old revision, from the history
	Links      map[string]string
	Defendants []numberedDefendant
	Victims    []numberedVictim
}

// numberedDefendant and numberedVictim are table rows with their number.
type numberedDefendant struct {
	N int
	Defendant
}

type numberedVictim struct {
	N int
	Victim
}

// textBlock is one of the case's texts: the reader's language first, the
// others behind a disclosure.
type textBlock struct {
	ID     string
	Label  string
	Lang   string
	Body   string
	Others []langText
}

type langText struct{ Lang, Body string }

type keywordGroup struct {
	Category string
	Values   []string
}

// casePage is the permanent URL of a case: the published revision for the
// public; the latest, with the review tools, for those who may see drafts.
func (h *Web) casePage(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	rec, err := h.Svc.Get(r.Context(), by, r.PathValue("case"))
	if err != nil {
		return err
	}
	return h.showCase(w, r, rec, false)
}

func (h *Web) showCase(w http.ResponseWriter, r *http.Request, rec *Record, historical bool) error {
	d, err := h.caseView(r, rec, historical)
	return h.UI.ShowRead(w, r, "caselaw/case", "caselaw.title", d, err)
}

// caseView prepares a case for templates/case.html.
func (h *Web) caseView(r *http.Request, rec *Record, historical bool) (*caseData, error) {
	by := auth.FromContext(r.Context())
	loc := h.UI.Localizer(r)
	d := &caseData{R: rec, Country: h.countryName(loc, rec.Case.Country), CanEdit: seesDrafts(by, rec.Case.Country) && !historical,
		IsEditor: isEditor(by), Historical: historical, Links: map[string]string{}}
	lang := web.LangOf(r).Code
	for _, t := range rec.Case.freeTexts() {
		body, l := Text(t.Texts, lang)
		if body == "" {
			continue
		}
		b := textBlock{ID: t.Field, Label: "caselaw.field." + t.Field, Lang: l, Body: body}
		for _, o := range web.LangCodes {
			if o != l && t.Texts[o] != "" {
				b.Others = append(b.Others, langText{o, t.Texts[o]})
			}
		}
		d.Texts = append(d.Texts, b)
	}
	for _, cat := range KeywordCategories {
		if v := rec.Case.Keywords.Of(cat); len(v) > 0 {
			d.Keywords = append(d.Keywords, keywordGroup{cat, v})
		}
	}
	for i, def := range rec.Case.Defendants {
		d.Defendants = append(d.Defendants, numberedDefendant{i + 1, def})
	}
	for i, v := range rec.Case.Victims {
		d.Victims = append(d.Victims, numberedVictim{i + 1, v})
	}
	for _, def := range rec.Case.Defendants {
		for _, ch := range def.Charges {
			if ch.Instrument != "" {
				d.Links[ch.Instrument+"/"+ch.Article] = ArticleURL(ch.Instrument, ch.Article)
			}
		}
	}
	if d.CanEdit {
		if err := rec.Case.Inclusion(); err != nil {
			d.Inclusion = errs.As(err)
		}
	}
	return d, nil
}

// historyData is what templates/history.html shows.
type historyData struct {
	ID        string
	Title     string
	Revisions []RevisionInfo
}

func (h *Web) historyPage(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	ref := r.PathValue("case")
	revs, err := h.Svc.History(r.Context(), by, ref)
	if err != nil {
		return err
	}
	rec, err := h.Svc.Get(r.Context(), by, ref)
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "caselaw/history", "caselaw.history_title", historyData{ID: ref, Title: rec.Case.Title, Revisions: revs})
}

func (h *Web) revisionPage(w http.ResponseWriter, r *http.Request) error {
	rev, err := strconv.Atoi(r.PathValue("rev"))
	if err != nil || rev < 1 {
		return errs.NotFound()
	}
	rec, err := h.Svc.Revision(r.Context(), auth.FromContext(r.Context()), r.PathValue("case"), rev)
	if err != nil {
		return err
	}
	return h.showCase(w, r, rec, true)
}

// file sends an attachment with its stored type, as a download.
func (h *Web) file(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	a, err := h.Svc.File(r.Context(), auth.FromContext(r.Context()), r.PathValue("case"), id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", a.ContentType)
	w.Header().Set("Content-Length", strconv.FormatInt(a.Size, 10))
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", a.Name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, err = w.Write(a.Data)
	return err
}

// draftsData is what templates/drafts.html shows.
type draftsData struct{ Drafts []Pending }

func (h *Web) draftsPage(w http.ResponseWriter, r *http.Request) error {
	list, err := h.Svc.Drafts(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "caselaw/drafts", "caselaw.drafts_title", draftsData{Drafts: list})
}
