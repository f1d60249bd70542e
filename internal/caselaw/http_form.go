package caselaw

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/web"
)

// formData is what templates/form.html shows: the case's values (stored or
// as submitted), the lists to choose from, and blank rows to add to.
type formData struct {
	Case       Case
	Action     string
	Editing    bool
	TextLang   string
	Countries  []geo.Country
	Defendants []defendantRow
	Victims    []victimRow
	Keywords   []keywordChoice
	CrimeTypes []choice
	Note       string
	// LanguagesText and SourcesText are the lists as their text fields show them.
	LanguagesText string
	SourcesText   string
	Vocab         map[string][]string
}

type defendantRow struct {
	I, N int
	Defendant
	Rows []chargeRow
}

type chargeRow struct {
	I, N int
	Charge
	Months string
}

type victimRow struct {
	I, N int
	Victim
}

type keywordChoice struct {
	Category string
	Options  []choice
}

// choice is one checkbox of a list, checked or not.
type choice struct {
	Value   string
	Checked bool
}

func choices(all, chosen []string) []choice {
	out := make([]choice, len(all))
	for i, v := range all {
		out[i] = choice{v, slices.Contains(chosen, v)}
	}
	return out
}

// newForm prepares the form for c, with two blank defendants, charges and
// victims beyond what c has, so rows can be added without scripts.
func (h *Web) newForm(r *http.Request, c Case, action, textLang string, editing bool) formData {
	d := formData{Case: c, Action: action, Editing: editing, TextLang: textLang, Countries: h.Geo.Countries(),
		Vocab: map[string][]string{"crime_types": CrimeTypes, "court_level": CourtLevels, "legal_system": LegalSystems,
			"verdict": Verdicts, "sex": Sexes, "age_group": AgeGroups, "role": Roles, "languages": web.LangCodes}}
	geo.SortByName(d.Countries, web.LangOf(r).Code)
	defs := append(append([]Defendant(nil), c.Defendants...), Defendant{}, Defendant{})
	for i, def := range defs {
		row := defendantRow{I: i, N: i + 1, Defendant: def}
		for j, ch := range append(append([]Charge(nil), def.Charges...), Charge{}) {
			cr := chargeRow{I: j, N: j + 1, Charge: ch}
			if ch.ImprisonmentMonths != nil {
				cr.Months = strconv.Itoa(*ch.ImprisonmentMonths)
			}
			row.Rows = append(row.Rows, cr)
		}
		d.Defendants = append(d.Defendants, row)
	}
	for i, v := range append(append([]Victim(nil), c.Victims...), Victim{}, Victim{}) {
		d.Victims = append(d.Victims, victimRow{I: i, N: i + 1, Victim: v})
	}
	for _, cat := range KeywordCategories {
		d.Keywords = append(d.Keywords, keywordChoice{Category: cat, Options: choices(keywordValues[cat], c.Keywords.Of(cat))})
	}
	d.CrimeTypes = choices(CrimeTypes, c.CrimeTypes)
	d.LanguagesText, d.SourcesText = strings.Join(c.Languages, ", "), strings.Join(c.Sources, "\n")
	return d
}

func (h *Web) newCase(w http.ResponseWriter, r *http.Request) error {
	c := Case{Languages: []string{web.LangOf(r).Code}}
	if by := auth.FromContext(r.Context()); !isEditor(by) {
		c.Country = by.Country
	}
	return h.UI.Show(w, r, "caselaw/form", "caselaw.new_case", h.newForm(r, c, "/caselaw", web.LangOf(r).Code, false))
}

func (h *Web) editCase(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	rec, err := h.Svc.Get(r.Context(), by, r.PathValue("case"))
	if err != nil {
		return err
	}
	if !seesDrafts(by, rec.Case.Country) {
		return errs.Forbidden()
	}
	lang := r.URL.Query().Get("text_lang")
	if !slices.Contains(web.LangCodes, lang) {
		_, lang = Text(rec.Case.Summary, web.LangOf(r).Code)
	}
	return h.UI.Show(w, r, "caselaw/form", "caselaw.edit", h.newForm(r, rec.Case, "/caselaw/"+rec.Case.ID, lang, true))
}

// createCase saves a new case from the form and, when a file came with
// it, attaches the judgment (its text is read only once the case is saved,
// that is once the drafter's country is known to be theirs).
func (h *Web) createCase(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	up, err := web.ReadUpload(r, "file", JudgmentLimits, func() error { return auth.Require(by, drafters()...) })
	if err != nil {
		return err
	}
	c, lang, note := parseCaseForm(r.PostForm, Case{})
	rec, err := h.Svc.Save(r.Context(), by, c, note)
	if err != nil {
		return h.formFailed(w, r, c, "/caselaw", lang, false, err)
	}
	flash := "flash.caselaw_saved"
	if up != nil {
		if _, err := h.Svc.Attach(r.Context(), by, rec.Case.ID, up.Name, up.Data); err != nil {
			if !web.IsFormError(err) {
				return err
			}
			flash = "flash.caselaw_file_refused"
		}
	}
	return web.Redirect(w, r, "/caselaw/"+rec.Case.ID, flash)
}

// updateCase saves the form as a new revision of a stored case.
func (h *Web) updateCase(w http.ResponseWriter, r *http.Request) error {
	by := auth.FromContext(r.Context())
	ref := r.PathValue("case")
	// The edit form is sent as multipart (it shares the new case's form) but
	// carries no file: files are added on the case's page.
	if _, err := web.ReadUpload(r, "", intake.Limits{}, func() error { return h.Svc.MayDraft(r.Context(), by, ref) }); err != nil {
		return err
	}
	rec, err := h.Svc.Get(r.Context(), by, ref)
	if err != nil {
		return err
	}
	c, lang, note := parseCaseForm(r.PostForm, rec.Case)
	c.ID = rec.Case.ID
	if _, err := h.Svc.Save(r.Context(), by, c, note); err != nil {
		return h.formFailed(w, r, c, "/caselaw/"+rec.Case.ID, lang, true, err)
	}
	return web.Redirect(w, r, "/caselaw/"+c.ID, "flash.caselaw_saved")
}

// formFailed shows the form again with what was submitted and each
// message beside its field.
func (h *Web) formFailed(w http.ResponseWriter, r *http.Request, c Case, action, lang string, editing bool, err error) error {
	return h.UI.FormError(w, r, "caselaw/form", "caselaw.new_case", h.newForm(r, c, action, lang, editing), err)
}
