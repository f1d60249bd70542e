package report

import (
	"strings"

	"github.com/tipsom/tipsom/internal/web"
)

// edPage is what every edition template receives.
type edPage struct {
	*web.Localizer
	Path   string // from the language root
	Up     string // from the page to the language root
	Root   string // from the page to the edition root, where the assets are
	Title  string
	Report *reportMeta
	Langs  []navLink
	Nav    []navLink
	Charts bool
	Maps   bool
	Print  bool
	Body   any
}

// reportMeta is what every page says about its edition.
type reportMeta struct {
	Title    string
	Subtitle string
	Built    string
	Demo     bool
	PDF      bool
}

type navLink struct {
	Href    string
	Label   string
	Code    string // a language's code
	Current bool
}

// Link is where a link to another page goes: a relative path on the web,
// the page's chapter in the printed report.
func (p *edPage) Link(href string) string {
	if p.Print {
		return "#" + chapterAnchor(href)
	}
	return p.Up + href
}

// Anchor is the id of a page's chapter in the printed report.
func (p *edPage) Anchor(href string) string { return chapterAnchor(href) }

// language is one language of an edition being written.
type language struct {
	b      *builder
	prefix string // its folder in the edition: "" for the main language, "fr/"…
	langs  []web.Lang
	first  string // the main language's code
	meta   *reportMeta
}

// newPage prepares a page at path (from the language root).
func (l *language) newPage(path, title string, body any) *edPage {
	depth := strings.Count(path, "/")
	up := strings.Repeat("../", depth)
	root := up
	if l.prefix != "" {
		root += "../"
	}
	p := &edPage{Localizer: l.b.f.Localizer, Path: path, Up: up, Root: root, Title: title, Report: l.meta, Body: body}
	for _, lang := range l.langs {
		href := root + path
		if lang.Code != l.first {
			href = root + lang.Code + "/" + path
		}
		p.Langs = append(p.Langs, navLink{Href: href, Label: lang.Name, Code: lang.Code, Current: lang.Code == l.b.f.Lang.Code})
	}
	f := l.b.f
	nav := []navLink{{Href: "index.html", Label: f.T("report.nav.findings")}, {Href: "overview.html", Label: f.T("report.nav.overview")},
		{Href: "regions.html", Label: f.T("report.nav.regions")}, {Href: "countries.html", Label: f.T("report.nav.countries")},
		{Href: "annex.html", Label: f.T("report.nav.annex")}}
	if l.meta.PDF {
		nav = append(nav, navLink{Href: pdfName, Label: f.T("report.nav.pdf")})
	}
	for _, n := range nav {
		n.Current = n.Href == path
		n.Href = up + n.Href
		p.Nav = append(p.Nav, n)
	}
	return p
}
