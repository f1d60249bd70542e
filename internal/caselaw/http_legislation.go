package caselaw

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// legislationData is what templates/legislation.html shows.
type legislationData struct {
	Query    Query
	Total    int
	Hits     []LegislationHit
	Facets   []search.FacetView
	Prev     string
	Next     string
	IsEditor bool
}

// findLegislation runs the legislation search r's URL asks for.
func (h *Web) findLegislation(r *http.Request) (Query, *LegislationResults, error) {
	q, err := parseQuery(r.URL.Query(), LegislationFacets, h.Geo.Known)
	if err != nil {
		return q, nil, err
	}
	res, err := h.Svc.FindLegislation(r.Context(), q)
	return q, res, err
}

func (h *Web) legislationPage(w http.ResponseWriter, r *http.Request) error {
	q, res, err := h.findLegislation(r)
	if err != nil {
		return err
	}
	loc := h.UI.Localizer(r)
	d := legislationData{Query: q, Total: res.Total, Hits: res.Hits, Facets: h.facetViews(loc, LegislationFacets, res.Facets),
		IsEditor: isEditor(auth.FromContext(r.Context()))}
	d.Prev, d.Next = pageLinks("/legislation", q.values(), q.Page, res.Pages)
	return h.UI.Show(w, r, "caselaw/legislation", "caselaw.legislation_title", d)
}

// instrumentData is what templates/instrument.html shows.
type instrumentData struct {
	In        *Instrument
	Country   string
	Lang      string
	Citations map[string][]Citation // by article number
	IsEditor  bool
}

// instrumentPage shows an instrument with each article's text (in the
// reader's language when held), the treaty articles it implements, its
// amendments and the cases whose charges cite it.
func (h *Web) instrumentPage(w http.ResponseWriter, r *http.Request) error {
	in, err := h.Svc.Instrument(r.Context(), r.PathValue("instrument"))
	if err != nil {
		return err
	}
	cites, err := h.Svc.Citations(r.Context(), in.ID)
	if err != nil {
		return err
	}
	loc := h.UI.Localizer(r)
	d := instrumentData{In: in, Country: h.countryName(loc, in.Country), Lang: web.LangOf(r).Code,
		Citations: map[string][]Citation{}, IsEditor: isEditor(auth.FromContext(r.Context()))}
	for _, c := range cites {
		d.Citations[c.Article] = append(d.Citations[c.Article], c)
	}
	return h.UI.Show(w, r, "caselaw/instrument", "caselaw.legislation_title", d)
}

// instrumentForm is what templates/instrument-form.html shows.
type instrumentForm struct {
	In         Instrument
	Action     string
	Editing    bool
	Countries  []geo.Country
	Kinds      []string
	Languages  []string
	Articles   []articleRow
	Amendments []amendmentRow
}

type articleRow struct {
	I, N       int
	Article    Article
	Text       string
	Implements string
}

type amendmentRow struct {
	I, N int
	Amendment
}

func (h *Web) instrumentFormData(r *http.Request, in Instrument, action string, editing bool) instrumentForm {
	d := instrumentForm{In: in, Action: action, Editing: editing, Countries: h.Geo.Countries(), Kinds: InstrumentKinds, Languages: web.LangCodes}
	geo.SortByName(d.Countries, web.LangOf(r).Code)
	for i, a := range append(append([]Article(nil), in.Articles...), Article{}, Article{}, Article{}) {
		d.Articles = append(d.Articles, articleRow{I: i, N: i + 1, Article: a, Text: a.Texts[in.Language], Implements: strings.Join(a.Implements, " ")})
	}
	for i, am := range append(append([]Amendment(nil), in.Amendments...), Amendment{}) {
		d.Amendments = append(d.Amendments, amendmentRow{I: i, N: i + 1, Amendment: am})
	}
	return d
}

func (h *Web) newInstrument(w http.ResponseWriter, r *http.Request) error {
	in := Instrument{Language: web.LangOf(r).Code, Kind: "act"}
	return h.UI.Show(w, r, "caselaw/instrument-form", "caselaw.new_instrument", h.instrumentFormData(r, in, "/legislation", false))
}

func (h *Web) editInstrument(w http.ResponseWriter, r *http.Request) error {
	in, err := h.Svc.Instrument(r.Context(), r.PathValue("instrument"))
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "caselaw/instrument-form", "caselaw.new_instrument", h.instrumentFormData(r, *in, "/legislation/"+in.ID, true))
}

func (h *Web) createInstrument(w http.ResponseWriter, r *http.Request) error {
	return h.saveInstrument(w, r, Instrument{}, "/legislation", false)
}

func (h *Web) updateInstrument(w http.ResponseWriter, r *http.Request) error {
	in, err := h.Svc.Instrument(r.Context(), r.PathValue("instrument"))
	if err != nil {
		return err
	}
	return h.saveInstrument(w, r, *in, "/legislation/"+in.ID, true)
}

func (h *Web) saveInstrument(w http.ResponseWriter, r *http.Request, base Instrument, action string, editing bool) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	in := parseInstrumentForm(r.PostForm, base)
	if editing {
		in.ID = base.ID
	}
	saved, err := h.Svc.SaveInstrument(r.Context(), auth.FromContext(r.Context()), in)
	if err != nil {
		return h.UI.FormError(w, r, "caselaw/instrument-form", "caselaw.new_instrument", h.instrumentFormData(r, in, action, editing), err)
	}
	return web.Redirect(w, r, ArticleURL(saved.ID, ""), "flash.caselaw_instrument_saved")
}

// parseInstrumentForm reads the form over base: article texts are edited
// in the instrument's language; texts in other languages are kept.
func parseInstrumentForm(f url.Values, base Instrument) Instrument {
	in := Instrument{ID: f.Get("id"), Country: f.Get("country"), Kind: f.Get("kind"), Title: f.Get("title"),
		Year: number(f.Get("year")), Language: f.Get("language")}
	for i := 0; i < maxRows; i++ {
		p := fmt.Sprintf("articles.%d.", i)
		a := Article{Number: f.Get(p + "number"), Heading: f.Get(p + "heading"), Texts: map[string]string{},
			Implements: strings.FieldsFunc(f.Get(p+"implements"), isListSep)}
		if old, ok := base.Article(a.Number); ok {
			for k, v := range old.Texts {
				a.Texts[k] = v
			}
		}
		a.Texts[in.Language] = f.Get(p + "text")
		if !blank(a.Number, a.Heading, f.Get(p+"text"), f.Get(p+"implements")) {
			in.Articles = append(in.Articles, a)
		}
		am := Amendment{Date: f.Get(fmt.Sprintf("amendments.%d.date", i)), Description: f.Get(fmt.Sprintf("amendments.%d.description", i))}
		if !blank(am.Date, am.Description) {
			in.Amendments = append(in.Amendments, am)
		}
	}
	return in
}
