package stats

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

// explorerData is the explorer page: the form, the table and what draws it.
type explorerData struct {
	Q         ExploreQuery
	GroupSel  string // the grouping select's value (an id, or none)
	Table     *Table
	Chart     template.JS
	Trimmed   bool // the chart draws only the largest rows
	Map       template.JS
	Legend    [][2]string
	Extra     []*Table // the flows view's shares and list
	Flows     *Flows
	Permalink string
	CSV, XLSX string // the downloads: the same query
	Embed     string // the embed page's address (the snippet's iframe)
	About     explorerAbout
	Compare   *explorerPanel // a second indicator beside the first
	Form      explorerForm
}

// explorerAbout is the metadata beside a view's figures: what the
// indicator is, its unit, where the figures come from and how many
// countries stand behind the last year's total.
type explorerAbout struct {
	Indicator  Indicator
	Unit       string
	Sources    []SourceCount
	Reporting  int // countries with a count in the last year's total
	Year       int // that year
	YearText   string
	Smuggling  bool // an indicator of the smuggling of migrants
	NoFigure   bool // no published figure at all in the view
	Population bool // rates: population figures are loaded
}

// explorerPanel is a second indicator's table and chart, the same query.
type explorerPanel struct {
	Q         ExploreQuery
	Table     *Table
	Chart     template.JS
	About     explorerAbout
	Permalink string
	CSV, XLSX string
}

// explore renders the explorer: the table always, with the view's chart or
// map beside it. The URL is the permalink.
func (h *Web) explore(w http.ResponseWriter, r *http.Request) error {
	v := newViewer(h.UI.Localizer(r), h.Svc.Geo)
	e, err := h.exploration(r, v)
	if err != nil {
		return err
	}
	d := explorerData{Q: e.Query, GroupSel: GroupingID(e.Query.Grouping), Table: v.table(e), Flows: e.Flows}
	d.Chart, d.Trimmed = v.chart(e, d.Table)
	if e.Query.View == ViewMap {
		if err := h.mapOf(r, v, e, &d); err != nil {
			return err
		}
	}
	if e.Flows != nil {
		d.Extra = []*Table{v.flowSharesTable(e.Flows), v.flowListTable(e.Flows)}
	}
	query := e.Query.Values().Encode()
	d.Permalink, d.CSV, d.XLSX = "/stats/explore?"+query, "/stats/explore.csv?"+query, "/stats/explore.xlsx?"+query
	d.Embed = "/stats/explore/embed?" + query
	if d.About, err = h.about(r, v, e); err != nil {
		return err
	}
	if e.Query.Compare != "" {
		if d.Compare, err = h.comparePanel(r, v, e.Query); err != nil {
			return err
		}
	}
	if d.Form, err = h.explorerForm(r, v); err != nil {
		return err
	}
	if r.URL.Path == "/stats/explore/embed" {
		// The embed page is the view alone, public figures meant to be
		// framed by other sites: it alone may be framed.
		w.Header().Set("Content-Security-Policy", strings.Replace(web.ContentSecurityPolicy, "frame-ancestors 'none'", "frame-ancestors *", 1))
		w.Header().Del("X-Frame-Options")
		return h.UI.Show(w, r, "stats/embed", "stats.explore_title", d)
	}
	return h.UI.Show(w, r, "stats/explore", "stats.explore_title", d)
}

// about gathers the metadata beside e's figures.
func (h *Web) about(r *http.Request, v *viewer, e *Exploration) (explorerAbout, error) {
	q := e.Query
	a := explorerAbout{Indicator: IndicatorByCode(q.Indicator), Unit: measureKey(q.Measure), Year: q.To, YearText: v.yearText(q.To)}
	a.Smuggling = a.Indicator.Area == "som"
	var err error
	if a.Sources, err = h.Svc.IndicatorSources(r.Context(), q.Indicator, q.Span); err != nil {
		return a, err
	}
	a.NoFigure = len(a.Sources) == 0
	if e.Grid != nil && len(e.Grid.Years) > 0 {
		last := len(e.Grid.Years) - 1
		a.Reporting = e.Grid.Total.Sums[last].Reporting
		if e.Grid.Total.Pop != nil {
			a.Population = e.Grid.Total.Pop[last] > 0
		}
	}
	return a, nil
}

// comparePanel computes the second indicator of q with the same query.
func (h *Web) comparePanel(r *http.Request, v *viewer, q ExploreQuery) (*explorerPanel, error) {
	q.Indicator, q.Compare = q.Compare, ""
	e, err := h.Svc.Explore(r.Context(), q, v.namer())
	if err != nil {
		return nil, err
	}
	v.order(e)
	p := &explorerPanel{Q: q, Table: v.table(e)}
	p.Table.ID = "compare-table"
	p.Chart, _ = v.chart(e, p.Table)
	if p.About, err = h.about(r, v, e); err != nil {
		return nil, err
	}
	query := q.Values().Encode()
	p.Permalink, p.CSV, p.XLSX = "/stats/explore?"+query, "/stats/explore.csv?"+query, "/stats/explore.xlsx?"+query
	return p, nil
}

// mapOf draws the map of e: countries with their own values. When e's rows
// are groups, the map reads a table of the countries (shown below the
// groups' table, so the map shows nothing a table does not), each titled
// with its group.
func (h *Web) mapOf(r *http.Request, v *viewer, e *Exploration, d *explorerData) error {
	if e.Query.ByCountry() {
		d.Map, d.Legend = v.worldMap(e, d.Table, nil)
		return nil
	}
	q := e.Query
	q.Grouping = GroupingNone
	ce, err := h.Svc.Explore(r.Context(), q, v.namer())
	if err != nil {
		return err
	}
	v.order(ce)
	t := v.table(ce)
	t.ID, t.Caption = "explorer-map-table", v.T("stats.map_countries_caption", "Caption", t.Caption)
	groupOf := map[string]string{}
	for _, p := range e.Places {
		for _, iso3 := range p.Countries {
			groupOf[iso3] = p.Label
		}
	}
	d.Map, d.Legend = v.worldMap(ce, t, groupOf)
	d.Extra = append(d.Extra, t)
	return nil
}

// exploration parses the query, fills its defaults and computes it.
func (h *Web) exploration(r *http.Request, v *viewer) (*Exploration, error) {
	q, err := ParseExplore(r.URL.Query(), h.Svc.Geo.Known)
	if err != nil {
		return nil, err
	}
	ind, dim := q.Indicator, q.Dimension
	if ind == "" {
		ind = "detected_victims"
	}
	switch {
	case q.View == ViewFlows:
		dim = DimCitizenship
	case dim == "":
		dim = DimTotal
	}
	latest, err := h.Svc.LatestYear(r.Context(), ind, dim)
	if err != nil {
		return nil, err
	}
	q.Defaults(latest)
	e, err := h.Svc.Explore(r.Context(), q, v.namer())
	if err != nil {
		return nil, err
	}
	v.order(e)
	return e, nil
}

// exploreDownload writes the explorer's table as CSV or XLSX: the same
// query, the same rows as the page shows.
func (h *Web) exploreDownload(format string) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		v := newViewer(h.UI.Localizer(r), h.Svc.Geo)
		e, err := h.exploration(r, v)
		if err != nil {
			return err
		}
		t := v.table(e)
		var buf bytes.Buffer
		switch format {
		case FormatCSV:
			err = t.WriteCSV(&buf)
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		default:
			notes := v.notes(e)
			sources, serr := h.Svc.IndicatorSources(r.Context(), e.Query.Indicator, e.Query.Span)
			if serr != nil {
				return serr
			}
			for _, s := range sources {
				notes = append(notes, v.T("stats.about_sources")+": "+s.Source+" ("+v.T("stats.about_figures", "N", v.loc.Num(s.Figures))+")")
			}
			err = t.WriteXLSX(&buf, notes)
			w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		}
		if err != nil {
			return err
		}
		w.Header().Set("Content-Disposition", `attachment; filename="tipsom-`+e.Query.Indicator+"-"+e.Query.View+"."+format+`"`)
		_, err = buf.WriteTo(w)
		return err
	}
}

// notes say what a download is: where it comes from, its permalink and
// what the flags mean.
func (v *viewer) notes(e *Exploration) []string {
	return []string{
		v.T("stats.download_source"),
		v.T("stats.about_iccs", "Code", IndicatorByCode(e.Query.Indicator).ICCS),
		v.T("stats.permalink") + ": /stats/explore?" + e.Query.Values().Encode(),
		SuppressedText + ": " + v.T("stats.flag_source"),
		SuppressedNText + ": " + v.T("stats.flag_several"),
		WithheldText + ": " + v.T("stats.flag_withheld"),
		NoPopText + ": " + v.T("stats.flag_nopop"),
	}
}

// explorerForm holds the form's choices in the reader's language.
type explorerForm struct {
	Indicators []option
	Dimensions []option
	Categories []option
	Sexes      []option
	Ages       []option
	Views      []option
	Countries  []geo.Country
	Groupings  []option
	Compare    []option
	Selected   map[string]bool
}

type option struct{ Value, Label string }

func (h *Web) explorerForm(r *http.Request, v *viewer) (explorerForm, error) {
	lang := v.loc.Lang.Code
	f := explorerForm{Countries: h.Svc.Geo.Countries(), Selected: map[string]bool{}}
	for _, i := range Indicators {
		f.Indicators = append(f.Indicators, option{i.Code, v.T("stats.ind." + i.Code)})
	}
	for _, d := range []string{DimTotal, DimExploitation, DimCitizenship, DimRepatriation} {
		f.Dimensions = append(f.Dimensions, option{d, v.T("stats.dim." + d)})
	}
	f.Categories = append(f.Categories, option{"", v.T("stats.all_categories")})
	for _, c := range append(append([]string(nil), Categories[DimExploitation]...), CategoryNationals, CategoryAbroad) {
		f.Categories = append(f.Categories, option{c, v.T(CategoryKey(c))})
	}
	if c := strings.TrimSpace(r.URL.Query().Get("category")); c != "" && CategoryKey(c) == "" {
		f.Categories = append(f.Categories, option{c, c}) // a category as its source published it
	}
	f.Compare = append(f.Compare, option{"", v.T("stats.compare_none")})
	f.Compare = append(f.Compare, f.Indicators...)
	for _, t := range Sexes {
		f.Sexes = append(f.Sexes, option{t.Code, v.T("stats.sex." + t.Code)})
	}
	for _, t := range Ages {
		f.Ages = append(f.Ages, option{t.Code, v.T("stats.age." + t.Code)})
	}
	for _, view := range Views {
		f.Views = append(f.Views, option{view, v.T("stats.view." + view)})
	}
	geo.SortByName(f.Countries, lang)
	for _, c := range strings.Split(strings.ToUpper(strings.Join(r.URL.Query()["country"], ",")), ",") {
		f.Selected[strings.TrimSpace(c)] = true
	}
	gs, err := h.Svc.Geo.Groupings(r.Context())
	if err != nil {
		return f, err
	}
	f.Groupings = append(f.Groupings, option{GroupingNone, v.T("stats.grouping_none")})
	for _, g := range gs {
		f.Groupings = append(f.Groupings, option{g.ID, GroupingName(&g, v.T)})
	}
	return f, nil
}

// registerExplorer adds the public explorer and its downloads.
func (h *Web) registerExplorer(rt *web.Router) {
	pub := auth.Public()
	rt.Handle("GET /stats/explore", pub, h.explore)
	rt.Handle("GET /stats/explore/embed", pub, h.explore)
	rt.Handle("GET /stats/explore.csv", pub, h.exploreDownload(FormatCSV))
	rt.Handle("GET /stats/explore.xlsx", pub, h.exploreDownload(FormatXLSX))
}
