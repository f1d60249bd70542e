package report

// indexView is the edition's home page: the world's key findings and
// what the edition holds.
type indexView struct {
	Findings  []string
	Lead      string
	Overview  link
	Regions   []regionLinks
	Countries int
	Annex     link
	PDF       string // the PDF's path from the language root, when built
}

// regionLinks is a region with its sub-regions, for contents pages.
type regionLinks struct {
	Region    link
	Subs      []link
	Countries []link
}

// index builds the home page.
func (b *builder) index() *indexView {
	d, f := b.d, b.f
	v := &indexView{Findings: b.findings(d.places.World), Overview: link{d.places.World.Path(), f.T("report.overview_title")},
		Countries: len(d.places.Countries), Annex: link{"annex.html", f.T("report.annex_title")},
		Lead: f.T("report.index_lead", "Years", f.Digits(d.span()), "Grouping", b.groupingName(d.places.Regions),
			"Count", len(d.places.Countries), "Number", f.Num(len(d.places.Countries)))}
	v.Regions = b.regionLinks()
	if d.spec.PDF {
		v.PDF = pdfName
	}
	return v
}

// regionLinks lists each region with its sub-regions and countries.
func (b *builder) regionLinks() []regionLinks {
	f := b.f
	var out []regionLinks
	for _, r := range b.d.places.Regions {
		rl := regionLinks{Region: link{r.Path(), f.place(r)}}
		for _, s := range r.Children {
			rl.Subs = append(rl.Subs, link{s.Path(), f.place(s)})
		}
		for _, c := range f.sorted(r.Profiles) {
			rl.Countries = append(rl.Countries, link{c.Path(), f.place(c)})
		}
		out = append(out, rl)
	}
	return out
}

// contentsView lists the regions (with their sub-regions) or the
// countries of the edition.
type contentsView struct {
	Regions   []regionLinks
	Countries bool // list countries under each region, not sub-regions
	Elsewhere []link
}

// regionsPage lists the regions and sub-regions.
func (b *builder) regionsPage() *contentsView {
	return &contentsView{Regions: b.regionLinks()}
}

// countriesPage lists the country profiles by region, then the countries
// that belong to no region of the grouping.
func (b *builder) countriesPage() *contentsView {
	v := &contentsView{Regions: b.regionLinks(), Countries: true}
	for _, c := range b.f.sorted(outside(b.d.places.Countries, b.d.places.regionOf)) {
		v.Elsewhere = append(v.Elsewhere, link{c.Path(), b.f.place(c)})
	}
	return v
}
