package collection

import (
	"net/http"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

// located is a problem's message with the input it concerns, for the list
// at the top of the page linking to each cell.
type located struct {
	Anchor  string
	Text    string
	Warning bool
}

// queryRow is a query as the page shows it.
type queryRow struct {
	Query
	Cell string
}

// option is one choice of a select or datalist.
type option struct {
	Value, Label string
}

type submissionPage struct {
	V         *SubmissionView
	Country   string
	Grid      []gridTable
	Problems  []located
	Errors    int
	Upload    *UploadReport
	Uploaded  []located
	Queries   []queryRow
	Cells     []option // the analyst's cell chooser
	Countries []option // the countries a free citizenship row may name, in the reader's language
	// Blanks is how many blank citizenship rows the form offers; More the
	// page that offers moreFreeRows more.
	Blanks int
	More   string
	// ConfirmPublish asks the analyst to confirm publishing (a page, so it
	// works without JavaScript).
	ConfirmPublish bool
	Late           bool
	Analyst        bool
}

// submissionData assembles the page in the request's language. The form
// shows the draft to whoever may edit it; everyone else sees the latest
// version (or the draft before the first submit).
func (h *Web) submissionData(r *http.Request, id int64) (*submissionPage, error) {
	by := auth.FromContext(r.Context())
	v, err := h.Svc.Submission(r.Context(), by, id)
	if err != nil {
		return nil, err
	}
	t := h.UI.Localizer(r)
	lang := web.LangOf(r).Code
	c, _ := h.Svc.Geo.Country(v.Submission.ISO3)
	d := &submissionPage{V: v, Country: c.Name(lang), Errors: countErrors(v.Problems), Late: v.Round.Late(h.Svc.Now()),
		Analyst: isAnalyst(by)}
	values, problems := valuesOf(v.Draft), v.Problems
	if !v.Actions.Edit && len(v.Versions) > 0 {
		values, problems = versionValues(v.Latest), nil
	}
	d.Blanks, _ = strconv.Atoi(r.URL.Query().Get("blank"))
	d.Blanks = min(max(d.Blanks, blankFreeRows), maxFreeRows)
	d.More = submissionPath(id) + "?blank=" + strconv.Itoa(d.Blanks+moreFreeRows) + "#questionnaire"
	grid, where := buildGrid(&v.Round, values, problems, t, v.Actions.Edit, d.Blanks)
	d.Grid = grid
	for _, p := range problems {
		l := located{Text: p.Located(t), Warning: p.Severity != SevError}
		if len(p.Cells) > 0 {
			l.Anchor = where[p.Cells[0]]
		}
		d.Problems = append(d.Problems, l)
	}
	for _, q := range v.Queries {
		d.Queries = append(d.Queries, queryRow{Query: q, Cell: Describe(t, q.Cell)})
	}
	if v.Actions.Query {
		d.Cells = cellOptions(&v.Round, v.Latest, t)
	}
	if v.Actions.Edit {
		countries := h.Svc.Geo.Countries()
		geo.SortByName(countries, lang)
		listed := map[string]bool{}
		for _, c := range countries {
			d.Countries = append(d.Countries, option{Value: c.Name("en"), Label: c.Name(lang)})
			listed[c.Name("en")] = true
		}
		for i := range d.Grid {
			for j := range d.Grid[i].Rows {
				row := &d.Grid[i].Rows[j]
				row.Other = row.Free && row.Category != "" && !listed[row.Category]
			}
		}
	}
	return d, nil
}

// cellOptions are the cells an analyst may query: every fixed row of the
// round and the citizenship rows of the latest version, with its values.
func cellOptions(r *Round, latest []Cell, t Translator) []option {
	values := versionValues(latest)
	var out []option
	add := func(k CellKey) {
		label := Describe(t, k)
		if v, ok := values[k]; ok {
			label += " = " + v
		}
		out = append(out, option{Value: k.Code(), Label: label})
	}
	for _, ind := range r.Indicators {
		for _, y := range r.Years {
			for _, row := range Rows(ind) {
				add(row.Key(ind, y))
			}
			for _, c := range latest {
				if c.Indicator == ind && c.Year == y && freeRow(c.CellKey) {
					add(c.CellKey)
				}
			}
		}
	}
	return out
}

// submission shows the questionnaire, its versions, queries and actions.
func (h *Web) submission(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	d, err := h.submissionData(r, id)
	return h.UI.ShowRead(w, r, "collection/submission", "collection.submission_title", d, err)
}

// save stores the form as the draft; with intent=submit it then submits,
// and when validation refuses, shows the page again with each message
// beside its cell (the draft is kept).
func (h *Web) save(w http.ResponseWriter, r *http.Request) error {
	id, err := postedID(r)
	if err != nil {
		return err
	}
	by := auth.FromContext(r.Context())
	v, err := h.Svc.Submission(r.Context(), by, id)
	if err != nil {
		return err
	}
	if _, err := h.Svc.SaveDraft(r.Context(), by, id, parseGrid(&v.Round, r.PostForm)); err != nil {
		return h.formFailed(w, r, id, err)
	}
	switch r.PostFormValue("intent") {
	case "more": // saved, and back with more blank citizenship rows
		blanks, _ := strconv.Atoi(r.PostFormValue("blank"))
		blanks = min(max(blanks, blankFreeRows)+moreFreeRows, maxFreeRows)
		return web.Redirect(w, r, submissionPath(id)+"?blank="+strconv.Itoa(blanks)+"#questionnaire", "flash.collection_draft_saved")
	case "submit":
	default:
		return web.Redirect(w, r, submissionPath(id), "flash.collection_draft_saved")
	}
	if _, err := h.Svc.Submit(r.Context(), by, id); err != nil {
		return h.formFailed(w, r, id, err)
	}
	return web.Redirect(w, r, submissionPath(id), "flash.collection_submitted")
}
