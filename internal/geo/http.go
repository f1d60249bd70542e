package geo

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

//go:embed templates
var templates embed.FS

// Web holds the countries, groupings and population pages and the API.
type Web struct {
	Svc *Service
	UI  *web.UI
}

// Register adds the room's pages and routes.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("geo", templates, "templates/*.html"); err != nil {
		return err
	}
	pub, analysts := auth.Public(), auth.Roles(auth.Analysts...)
	rt.Handle("GET /countries", pub, h.countries)
	rt.Handle("GET /countries/population", pub, h.population)
	rt.Handle("POST /countries/population", analysts, h.importPopulation, web.UploadLimit(CSVLimits))
	rt.Handle("GET /groupings", pub, h.groupings)
	rt.Handle("GET /groupings/{id}", pub, h.grouping)
	rt.Handle("POST /groupings", analysts, h.saveGrouping, web.UploadLimit(CSVLimits))
	rt.Handle("POST /groupings/{id}/delete", analysts, h.deleteGrouping)
	rt.Handle("GET /api/v1/countries", pub, h.apiCountries)
	rt.Handle("GET /api/v1/groupings", pub, h.apiGroupings)
	rt.Handle("GET /api/v1/groupings/{id}", pub, h.apiGrouping)
	return nil
}

// CountryFilter narrows the country list: a name or code, an M49 region at
// any level.
type CountryFilter struct {
	Query  string
	Region string
}

// parseFilter reads the filter, refusing a region code that names nothing.
func parseFilter(r *http.Request) (CountryFilter, error) {
	q := r.URL.Query()
	f := CountryFilter{Query: strings.TrimSpace(q.Get("q")), Region: strings.TrimSpace(q.Get("region"))}
	if f.Region != "" && !IsRegionCode(f.Region) {
		return f, errs.BadParam("region", "err.geo_unknown_region", "Code", f.Region)
	}
	return f, nil
}

// Filter returns the countries matching f, sorted by name in lang.
func (s *Service) Filter(f CountryFilter, lang string) []Country {
	q := strings.ToLower(f.Query)
	var out []Country
	for _, c := range s.countries {
		if f.Region != "" && c.Region != f.Region && c.Subregion != f.Region && c.Intermediate != f.Region {
			continue
		}
		if q != "" && !matches(c, q) {
			continue
		}
		out = append(out, c)
	}
	SortByName(out, lang)
	return out
}

func matches(c Country, q string) bool {
	if strings.EqualFold(c.ISO3, q) || strings.EqualFold(c.ISO2, q) || c.M49 == q {
		return true
	}
	for _, n := range c.Names {
		if strings.Contains(strings.ToLower(n), q) {
			return true
		}
	}
	return false
}

// MapValue is what the world map needs about one country: a class for its
// colour, a tooltip and a link.
type MapValue struct {
	Class string `json:"class"`
	Title string `json:"title"`
	Href  string `json:"href,omitempty"`
}

// MapData encodes map values (keyed by M49 code) for a JSON script block.
func MapData(v map[string]MapValue) template.JS {
	b, _ := json.Marshal(v)
	return template.JS(b)
}

type countriesData struct {
	Countries     []Country
	Filter        CountryFilter
	Regions       []string
	Subregions    []string
	Intermediates []string
	Map           template.JS
	Legend        [][2]string // map colour class, label
}

func (h *Web) countries(w http.ResponseWriter, r *http.Request) error {
	f, err := parseFilter(r)
	if err != nil {
		return err
	}
	lang := web.LangOf(r).Code
	d := countriesData{Countries: h.Svc.Filter(f, lang), Filter: f}
	d.Regions, d.Subregions, d.Intermediates = RegionCodes()
	loc := h.UI.Localizer(r)
	values := map[string]MapValue{}
	for _, c := range d.Countries {
		values[c.M49] = MapValue{Class: regionClass(c.Region), Title: c.Name(lang) + " — " + regionName(loc, c.Region), Href: "/countries/" + c.ISO3}
	}
	d.Map = MapData(values)
	for _, code := range d.Regions {
		d.Legend = append(d.Legend, [2]string{regionClass(code), regionName(loc, code)})
	}
	d.Legend = append(d.Legend, [2]string{"m0", regionName(loc, "")})
	return h.UI.Show(w, r, "geo/countries", "geo.countries_title", d)
}

// regionClass is the map palette class of an M49 region (m1…m5; m0 none).
func regionClass(code string) string {
	for i, r := range m49Regions {
		if r == code {
			return "m" + strconv.Itoa(i+1)
		}
	}
	return "m0"
}

func regionName(loc *web.Localizer, code string) string {
	if code == "" {
		return loc.T("geo.no_region")
	}
	return loc.T("geo.m49." + code)
}

type groupingsData struct {
	Groupings []Grouping
	Grouping  *Grouping
	Countries map[string]Country
}

func (h *Web) groupings(w http.ResponseWriter, r *http.Request) error {
	gs, err := h.Svc.Groupings(r.Context())
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "geo/groupings", "geo.groupings_title", groupingsData{Groupings: gs})
}

func (h *Web) grouping(w http.ResponseWriter, r *http.Request) error {
	g, err := h.Svc.Grouping(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	byISO3 := map[string]Country{}
	for _, m := range g.Members {
		byISO3[m.ISO3], _ = h.Svc.Country(m.ISO3)
	}
	// Each group's countries in the reader's alphabetical order.
	lang := web.LangOf(r).Code
	web.SortByText(g.Members, lang, func(m Member) string { return byISO3[m.ISO3].Name(lang) })
	return h.UI.Show(w, r, "geo/grouping", "geo.grouping", groupingsData{Grouping: g, Countries: byISO3})
}

// uploadedCSV returns the CSV of a form, read once the user may edit
// groupings and population: the uploaded file, else the pasted text.
func (h *Web) uploadedCSV(r *http.Request, file, text string) (io.Reader, error) {
	by := auth.FromContext(r.Context())
	up, err := web.ReadUpload(r, file, CSVLimits, func() error { return h.Svc.MayEdit(by) })
	if err != nil {
		return nil, err
	}
	if up != nil && len(up.Data) > 0 {
		return bytes.NewReader(up.Data), nil
	}
	if t := r.PostFormValue(text); strings.TrimSpace(t) != "" {
		return strings.NewReader(t), nil
	}
	return nil, errs.Invalid().Field(file, "err.geo_file_required")
}

func (h *Web) saveGrouping(w http.ResponseWriter, r *http.Request) error {
	in := GroupingInput{}
	src, err := h.uploadedCSV(r, "file", "csv")
	if err == nil {
		in.Name, in.Edition = r.FormValue("name"), r.FormValue("edition")
		in.Members, err = ParseMembers(src, h.Svc.Known)
	}
	if err == nil {
		var g *Grouping
		if g, err = h.Svc.SaveGrouping(r.Context(), auth.FromContext(r.Context()), in); err == nil {
			return web.Redirect(w, r, "/groupings/"+g.ID, "flash.geo_grouping_saved")
		}
	}
	gs, lerr := h.Svc.Groupings(r.Context())
	if lerr != nil {
		return lerr
	}
	return h.UI.FormError(w, r, "geo/groupings", "geo.groupings_title", groupingsData{Groupings: gs}, err)
}

func (h *Web) deleteGrouping(w http.ResponseWriter, r *http.Request) error {
	if err := h.Svc.DeleteGrouping(r.Context(), auth.FromContext(r.Context()), r.PathValue("id")); err != nil {
		return err
	}
	return web.Redirect(w, r, "/groupings", "flash.geo_grouping_deleted")
}

type populationData struct {
	Coverage []YearCoverage
}

func (h *Web) population(w http.ResponseWriter, r *http.Request) error {
	cov, err := h.Svc.PopulationCoverage(r.Context())
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "geo/population", "geo.population_title", populationData{Coverage: cov})
}

func (h *Web) importPopulation(w http.ResponseWriter, r *http.Request) error {
	src, err := h.uploadedCSV(r, "file", "csv")
	var rows []Population
	if err == nil {
		rows, err = ParsePopulation(src, h.Svc.Known, time.Now())
	}
	if err == nil && strings.TrimSpace(r.FormValue("source")) == "" {
		err = errs.Invalid().Field("source", "err.required")
	}
	if err == nil {
		if _, err = h.Svc.ImportPopulation(r.Context(), auth.FromContext(r.Context()), rows, strings.TrimSpace(r.FormValue("source"))); err == nil {
			return web.Redirect(w, r, "/countries/population", "flash.geo_population_imported")
		}
	}
	cov, cerr := h.Svc.PopulationCoverage(r.Context())
	if cerr != nil {
		return cerr
	}
	return h.UI.FormError(w, r, "geo/population", "geo.population_title", populationData{Coverage: cov}, err)
}
