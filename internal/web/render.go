package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"

	"github.com/tipsom/tipsom/internal/errs"
)

// Viewer is what the layout needs of the signed-in user (auth.Principal).
type Viewer interface {
	DisplayName() string
	HasRole(name string) bool
}

// NavItem is one entry of the main navigation.
type NavItem struct {
	Path  string
	Label string // catalogue key
}

// Site is what every page shows whatever the request.
type Site struct {
	Demo bool
	Nav  []NavItem
	// URL is the site's public URL (https://tipsom.example.org), which
	// absolute links — feeds, sitemaps, OpenGraph — are made from.
	URL string
}

// UI renders pages: templates parsed once at start, the catalogue, assets.
type UI struct {
	Site    Site
	Catalog *Catalog
	Assets  *Assets
	Log     *slog.Logger
	// Viewer returns the signed-in user of a request, or nil.
	Viewer func(r *http.Request) Viewer
	pages  map[string]*template.Template
	base   *template.Template
}

//go:embed templates
var templateFS embed.FS

// NewUI parses the layout and shared partials; capabilities add their pages
// with AddPages.
func NewUI(site Site, cat *Catalog, assets *Assets, log *slog.Logger) (*UI, error) {
	u := &UI{Site: site, Catalog: cat, Assets: assets, Log: log, pages: map[string]*template.Template{}}
	base, err := template.New("layout").Funcs(u.funcs()).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	u.base = base
	if err := u.AddPages("web", templateFS, "templates/pages/*.html"); err != nil {
		return nil, err
	}
	return u, nil
}

// AddPages parses each file matching pattern in fsys as a page named
// "prefix/basename" (without .html), on top of the layout and the files
// matching partials. It fails on a parse error, so a broken template stops
// the server at start.
func (u *UI) AddPages(prefix string, fsys fs.FS, pattern string, partials ...string) error {
	files, err := fs.Glob(fsys, pattern)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no templates match %s", pattern)
	}
	for _, f := range files {
		t, err := u.base.Clone()
		if err != nil {
			return err
		}
		if _, err := t.ParseFS(fsys, append(partials, f)...); err != nil {
			return fmt.Errorf("parse %s: %w", f, err)
		}
		name := prefix + "/" + strings.TrimSuffix(path.Base(f), ".html")
		if _, dup := u.pages[name]; dup {
			return fmt.Errorf("page %s defined twice", name)
		}
		u.pages[name] = t
	}
	return nil
}

func (u *UI) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": func(name string) string {
			if url := u.Assets.URL(name); url != "" {
				return url
			}
			u.Log.Error("missing asset", "name", name)
			return "/assets/missing/" + name
		},
		"dict":      func(kv ...any) map[string]any { return argMap(kv) },
		"hasPrefix": strings.HasPrefix,
		"bdi":       Isolate,
		"unread":    unread,
	}
}

// Isolate wraps text a user or a source wrote — a name, a title, a
// snippet, which may run in another direction than the page — in <bdi>, so
// that an English title in an Arabic page, or Arabic in an English one,
// keeps its own direction and leaves the text around it alone: {{bdi
// .Name}}. "" stays "". Whole blocks of such text take dir="auto" instead.
func Isolate(v any) template.HTML {
	s := fmt.Sprint(v)
	if v == nil || s == "" {
		return ""
	}
	return template.HTML("<bdi>" + template.HTMLEscapeString(s) + "</bdi>")
}

// Page is the data every template receives; Data holds the page's own.
type Page struct {
	*Localizer
	Title  string // catalogue key of the page title
	Site   Site
	User   Viewer
	Path   string
	Query  string
	Flash  string // catalogue key of a one-time message
	Form   *Form
	Status int
	Langs  []Lang
	Data   any
	// RequestID lets a user quote the failing request to support.
	RequestID string
}

// Here is the current path with its query, for links that come back to it.
func (p *Page) Here() string {
	if p.Query == "" {
		return p.Path
	}
	return p.Path + "?" + p.Query
}

// NewPage prepares the page data for r.
func (u *UI) NewPage(w http.ResponseWriter, r *http.Request, title string, data any) *Page {
	p := &Page{
		Localizer: u.Localizer(r), Title: title, Site: u.Site, Path: r.URL.Path,
		Query: r.URL.RawQuery, Langs: Langs, Data: data, Flash: TakeFlash(w, r), Status: http.StatusOK,
		RequestID: RequestID(r.Context()),
	}
	if u.Viewer != nil {
		p.User = u.Viewer(r)
	}
	return p
}

// Render writes page name with p at p.Status. The page is executed into a
// buffer first, so a template error becomes a clean 500, not half a page.
func (u *UI) Render(w http.ResponseWriter, r *http.Request, name string, p *Page) error {
	t, ok := u.pages[name]
	if !ok {
		return errs.Internal(fmt.Errorf("no page template %q", name))
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return errs.Internal(fmt.Errorf("render %s: %w", name, err))
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(p.Status)
	_, err := buf.WriteTo(w)
	return err
}

// Show is NewPage then Render, for the common case.
func (u *UI) Show(w http.ResponseWriter, r *http.Request, name, title string, data any) error {
	return u.Render(w, r, name, u.NewPage(w, r, title, data))
}

// ShowRead shows page with the data read for it, or answers err when the
// read failed: a handler's last two lines,
// d, err := h.pageData(r, id); return h.UI.ShowRead(w, r, page, title, d, err).
func (u *UI) ShowRead(w http.ResponseWriter, r *http.Request, name, title string, data any, err error) error {
	if err != nil {
		return err
	}
	return u.Show(w, r, name, title, data)
}

// Fragment renders the "fragment" template of page name — a piece of HTML
// one capability contributes to a page another owns, such as its section of
// a country profile — with the request's language.
func (u *UI) Fragment(r *http.Request, name string, data any) (template.HTML, error) {
	t, ok := u.pages[name]
	if !ok {
		return "", errs.Internal(fmt.Errorf("no page template %q", name))
	}
	p := &Page{Localizer: u.Localizer(r), Site: u.Site, Path: r.URL.Path, Langs: Langs, Data: data}
	if u.Viewer != nil {
		p.User = u.Viewer(r)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "fragment", p); err != nil {
		return "", errs.Internal(fmt.Errorf("render fragment %s: %w", name, err))
	}
	return template.HTML(buf.String()), nil
}

// unread is the viewer's number of unread notices, when the viewer counts
// them (the app's viewer does), else 0.
func unread(v Viewer) int {
	if u, ok := v.(interface{ Unread() int }); ok {
		return u.Unread()
	}
	return 0
}

// RenderFragment writes only the "fragment" template of page name with p,
// at p.Status: the answer to an htmx request that replaces part of a page
// (a form after autosave), with the same data and form errors the whole
// page would show.
func (u *UI) RenderFragment(w http.ResponseWriter, r *http.Request, name string, p *Page) error {
	t, ok := u.pages[name]
	if !ok {
		return errs.Internal(fmt.Errorf("no page template %q", name))
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "fragment", p); err != nil {
		return errs.Internal(fmt.Errorf("render fragment %s: %w", name, err))
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(p.Status)
	_, err := buf.WriteTo(w)
	return err
}
