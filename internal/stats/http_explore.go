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
	Form      explorerForm
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
		d.Map, d.Legend = v.worldMap(e, d.Table)
	}
	if e.Flows != nil {
		d.Extra = []*Table{v.flowSharesTable(e.Flows), v.flowListTable(e.Flows)}
	}
	query := e.Query.Values().Encode()
	d.Permalink, d.CSV, d.XLSX = "/stats/explore?"+query, "/stats/explore.csv?"+query, "/stats/explore.xlsx?"+query
	if d.Form, err = h.explorerForm(r, v); err != nil {
		return err
	}
	return h.UI.Show(w, r, "stats/explore", "stats.explore_title", d)
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
	return h.Svc.Explore(r.Context(), q, v.namer())
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
			err = t.WriteXLSX(&buf, v.notes(e))
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
	Categories []string
	Sexes      []option
	Ages       []option
	Views      []option
	Countries  []geo.Country
	Groupings  []option
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
	f.Categories = append(append(f.Categories, Categories[DimExploitation]...), CategoryNationals, CategoryAbroad)
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
	rt.Handle("GET /stats/explore.csv", pub, h.exploreDownload(FormatCSV))
	rt.Handle("GET /stats/explore.xlsx", pub, h.exploreDownload(FormatXLSX))
}
