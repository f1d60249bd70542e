package treaty

import (
	"bytes"
	"embed"
	"html/template"
	"io"
	"net/http"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

//go:embed templates
var templates embed.FS

// Web holds the treaty status pages, the JSON API and the country profile
// section.
type Web struct {
	Svc      *Service
	Geo      *geo.Service
	UI       *web.UI
	resolver *Resolver
}

// NewWeb builds the room's handlers; the resolver indexes geo's names once.
func NewWeb(svc *Service, g *geo.Service, ui *web.UI) *Web {
	return &Web{Svc: svc, Geo: g, UI: ui, resolver: NewResolver(g.Countries())}
}

// Register adds the room's pages and routes.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("treaty", templates, "templates/*.html"); err != nil {
		return err
	}
	pub := auth.Public()
	rt.Handle("GET /treaties", pub, h.page)
	rt.Handle("GET /treaties/{instrument}", pub, h.page)
	rt.Handle("POST /treaties/import", auth.Roles(auth.Editors...), h.importTable, web.UploadLimit(TableLimits))
	rt.Handle("GET /api/v1/treaties", pub, h.apiInstruments)
	rt.Handle("GET /api/v1/treaties/{instrument}/parties", pub, h.apiParties)
	return nil
}

// pageData is what templates/treaties.html shows.
type pageData struct {
	Filter      Filter
	AsOf        string
	Selected    Instrument
	Instruments []InstrumentCount
	Rows        []Row
	Recorded    bool              // the selected instrument's status has been imported
	Records     map[string]Record // the date and source of each imported table
	Regions     []string
	Subregions  []string
	Inter       []string
	Kinds       []Kind
	Map         template.JS
	Legend      [][2]string
	Chart       template.JS
	Charted     []Instrument // the chart's series, in order
	ChartRows   []YearRow
}

func (h *Web) page(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("instrument")
	if id != "" {
		if _, err := instrument(id); err != nil {
			return err
		}
	}
	f, err := parseFilter(r, id, h.Svc.StatusDay(r.Context()))
	if err != nil {
		return err
	}
	d, err := h.pageData(r, f)
	return h.UI.ShowRead(w, r, "treaty/treaties", "treaty.title", d, err)
}

// pageData gathers the counts, the filtered table, the map and the chart.
func (h *Web) pageData(r *http.Request, f Filter) (*pageData, error) {
	ctx := r.Context()
	loc := h.UI.Localizer(r)
	d := &pageData{Filter: f, AsOf: db.FormatDate(f.AsOf), Kinds: Kinds()}
	d.Selected, _ = InstrumentByID(f.Instrument)
	d.Regions, d.Subregions, d.Inter = geo.RegionCodes()
	counts, err := h.Svc.Counts(ctx, f.AsOf)
	if err != nil {
		return nil, err
	}
	recorded, err := h.Svc.Recorded(ctx)
	if err != nil {
		return nil, err
	}
	if d.Records, err = h.Svc.Records(ctx); err != nil {
		return nil, err
	}
	for _, in := range instruments() {
		d.Instruments = append(d.Instruments, InstrumentCount{Instrument: in, Count: counts[in.ID], Selected: in.ID == f.Instrument, Recorded: recorded[in.ID]})
	}
	all, err := h.Svc.Actions(ctx, f.Instrument)
	if err != nil {
		return nil, err
	}
	d.Recorded = len(all) > 0
	d.Rows = rows(f.Apply(all, h.Geo.Country), f.AsOf, h.Geo.Country, loc)
	d.Map = statusMap(all, f.AsOf, h.Geo.Countries(), loc)
	for _, s := range []Status{StatusParty, StatusSignatory, StatusNone} {
		d.Legend = append(d.Legend, [2]string{statusClass(s), loc.T("treaty.status." + string(s))})
	}
	years, series, err := h.Svc.OverTime(ctx)
	if err != nil {
		return nil, err
	}
	if len(series) > 0 {
		d.Chart, d.ChartRows = overTimeChart(years, series, loc), chartTable(years, series)
		for _, s := range series {
			in, _ := InstrumentByID(s.Instrument)
			d.Charted = append(d.Charted, in)
		}
	}
	return d, nil
}

// importTable takes a status table uploaded (or pasted) by an editor and
// imports it like the command line does; a bad file re-renders the page
// with every bad line listed and nothing written.
func (h *Web) importTable(w http.ResponseWriter, r *http.Request) error {
	src, err := h.uploaded(r)
	if err != nil && !web.IsFormError(err) {
		return err
	}
	id := strings.TrimSpace(r.PostFormValue("instrument"))
	if _, ok := InstrumentByID(id); !ok && err == nil {
		err = errs.Invalid().Field("instrument", "err.treaty_unknown_instrument", "ID", id)
	}
	var table *Table
	if err == nil {
		table, err = Parse(src, h.resolver)
	}
	if err == nil {
		if _, err = h.Svc.Import(r.Context(), auth.FromContext(r.Context()), id, table); err == nil {
			return web.Redirect(w, r, "/treaties/"+id, "flash.treaty_imported")
		}
	}
	if _, ok := InstrumentByID(id); !ok {
		id = instruments()[0].ID
	}
	d, derr := h.pageData(r, Filter{Instrument: id, AsOf: h.Svc.Today()})
	if derr != nil {
		return derr
	}
	return h.UI.FormError(w, r, "treaty/treaties", "treaty.title", d, err)
}

// uploaded returns the CSV of the import form, read once the user may
// import: the file, else pasted text.
func (h *Web) uploaded(r *http.Request) (io.Reader, error) {
	by := auth.FromContext(r.Context())
	up, err := web.ReadUpload(r, "file", TableLimits, func() error { return h.Svc.MayImport(by) })
	if err != nil {
		return nil, err
	}
	if up != nil && len(up.Data) > 0 {
		return bytes.NewReader(up.Data), nil
	}
	if t := r.PostFormValue("csv"); strings.TrimSpace(t) != "" {
		return strings.NewReader(t), nil
	}
	return nil, errs.Invalid().Field("file", "err.treaty_file_required")
}
