package report

import (
	"context"
	"fmt"
)

// DemoSource is the source of the fictional demo figures; an edition
// built on them says so on every page.
const DemoSource = "DEMO (fictional figures)"

// Build builds the web edition spec describes, in memory: every page in
// every language, the data behind every chart, the assets. It prints no
// PDF (see Printer).
func (s *Service) Build(ctx context.Context, spec Spec) (*Edition, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	d, err := s.gather(ctx, spec)
	if err != nil {
		return nil, err
	}
	e := &Edition{Spec: spec, Built: d.built, Files: map[string][]byte{}}
	for _, src := range d.sources {
		e.Demo = e.Demo || src.Source == DemoSource
	}
	if err := s.copyAssets(e); err != nil {
		return nil, err
	}
	langs := spec.languages()
	for i, lang := range langs {
		l := &language{b: &builder{d: d, f: newFormatter(s.Catalog.For(lang), s.Geo)}, langs: langs, first: langs[0].Code}
		if i > 0 {
			l.prefix = lang.Code + "/"
		}
		l.meta = &reportMeta{Title: l.b.f.T("report.title"), Subtitle: l.b.f.T("report.subtitle", "Edition", spec.Edition, "Years", l.b.f.Digits(d.span())),
			Built: l.b.f.Date(d.built), Demo: e.Demo, PDF: spec.PDF}
		if err := s.writeLanguage(e, l); err != nil {
			return nil, fmt.Errorf("edition %s in %s: %w", spec.Edition, lang.Code, err)
		}
	}
	return e, nil
}

// writeLanguage renders one language's pages and data files into e.
func (s *Service) writeLanguage(e *Edition, l *language) error {
	b, f := l.b, l.b.f
	d := b.d
	idx := b.index()
	put := func(kind, path, title string, body any, exhibits []*exhibit) error {
		p := l.newPage(path, title, body)
		p.Charts = kind == "place"
		for _, x := range exhibits {
			p.Maps = p.Maps || x.Map != nil
		}
		html, err := s.pages.render(kind, p)
		if err != nil {
			return err
		}
		e.Files[l.prefix+path] = html
		return writeData(e, l.prefix, exhibits)
	}
	if err := put("index", "index.html", f.T("report.nav.findings"), idx, nil); err != nil {
		return err
	}
	chapters := []chapter{{ID: chapterAnchor("index.html"), Title: f.T("report.key_findings"), Kind: "findings", Index: idx}}
	for _, p := range b.orderedPlaces() {
		v := b.place(p)
		if err := put("place", p.Path(), v.Name, v, v.exhibits()); err != nil {
			return err
		}
		chapters = append(chapters, chapter{ID: chapterAnchor(p.Path()), Title: v.Name, Level: levelOf(p), Kind: "place", Place: v,
			Bare: p.Kind == KindCountry})
	}
	annex := b.annex()
	if err := put("annex", "annex.html", f.T("report.annex_title"), annex, []*exhibit{annex.Reporting, annex.Withheld}); err != nil {
		return err
	}
	chapters = append(chapters, chapter{ID: chapterAnchor("annex.html"), Title: f.T("report.annex_title"), Kind: "annex", Annex: annex})
	if err := put("contents", "regions.html", f.T("report.nav.regions"), b.regionsPage(), nil); err != nil {
		return err
	}
	if err := put("contents", "countries.html", f.T("report.nav.countries"), b.countriesPage(), nil); err != nil {
		return err
	}
	p := l.newPage(printName, l.meta.Title, &printView{Chapters: chapters, Index: idx})
	p.Charts, p.Maps, p.Print = true, true, true
	html, err := s.pages.render("print", p)
	if err != nil {
		return err
	}
	e.Files[l.prefix+printName] = html
	_ = d
	return nil
}

// writeData writes the data file of each exhibit.
func writeData(e *Edition, prefix string, exhibits []*exhibit) error {
	for _, x := range exhibits {
		if x == nil {
			continue
		}
		data, err := writeCSV(x.Data)
		if err != nil {
			return fmt.Errorf("%s: %w", x.CSV, err)
		}
		e.Files[prefix+x.CSV] = data
	}
	return nil
}

// orderedPlaces are the chapters in the report's order: the world, each
// region followed by its sub-regions, the sub-regions of no region, then
// the countries by name.
func (b *builder) orderedPlaces() []*Place {
	ps := b.d.places
	out := []*Place{ps.World}
	for _, r := range ps.Regions {
		out = append(out, r)
		out = append(out, r.Children...)
	}
	for _, s := range ps.Subregions {
		if s.Parent == nil {
			out = append(out, s)
		}
	}
	return append(out, b.f.sorted(ps.Countries)...)
}

// levelOf indents a chapter in the table of contents.
func levelOf(p *Place) int {
	switch p.Kind {
	case KindSubregion:
		return 2
	case KindCountry:
		return 1
	}
	return 1
}

// exhibits lists a chapter's exhibits.
func (v *placeView) exhibits() []*exhibit {
	var out []*exhibit
	for _, s := range v.Sections {
		out = append(out, s.Exhibits...)
	}
	return out
}

// printName is the one-page edition Chromium prints.
const printName = "print.html"
