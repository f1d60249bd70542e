package report

// link is a link within a language's pages (Href from the language root).
type link struct {
	Href  string
	Label string
}

// placeView is a chapter: the world, a region, a sub-region or a country.
type placeView struct {
	Place    *Place
	Name     string
	Kind     string // what the place is, in words
	Crumbs   []link // the places it sits in
	Subs     []link // a region's sub-regions
	Profiles []link // the countries with a profile in it
	Findings []string
	Sections []section
}

// place builds a chapter.
func (b *builder) place(p *Place) *placeView {
	f := b.f
	v := &placeView{Place: p, Name: f.place(p), Kind: f.T("report.kind." + p.Kind), Findings: b.findings(p)}
	for _, up := range []*Place{p.Parent, p.Sub} {
		if up != nil && up != p {
			v.Crumbs = append(v.Crumbs, link{up.Path(), f.place(up)})
		}
	}
	if p.Kind == KindSubregion && p.Parent != nil {
		v.Crumbs = []link{{p.Parent.Path(), f.place(p.Parent)}}
	}
	for _, s := range p.Children {
		v.Subs = append(v.Subs, link{s.Path(), f.place(s)})
	}
	if p.Kind != KindWorld && p.Kind != KindCountry {
		for _, c := range f.sorted(p.Profiles) {
			v.Profiles = append(v.Profiles, link{c.Path(), f.place(c)})
		}
	}
	d := b.d
	victimsYear := d.refYear(cellVictims, p)
	if victimsYear == 0 {
		victimsYear = d.spec.Years.To
	}
	v.Sections = []section{
		b.section(p, "victims", b.trend(p, "victims", f.T("report.victims_title", "Years", f.Digits(d.span())), cellVictims),
			b.children(p, victimsYear)),
		b.section(p, "profile", b.breakdown(p, "sexage", f.T("report.sexage_title", "Years", f.Digits(d.span())), sexAgeParts)),
		b.section(p, "forms", b.breakdown(p, "forms", f.T("report.forms_title", "Years", f.Digits(d.span())), formParts)),
	}
	if p.Kind == KindCountry {
		v.Sections = append(v.Sections, b.section(p, "flows", b.origins(p), b.nationals(p)))
	} else {
		v.Sections = append(v.Sections, b.section(p, "flows", b.flowKinds(p), b.topFlows(p)))
	}
	v.Sections = append(v.Sections, b.section(p, "response",
		b.trend(p, "response", f.T("report.response_title", "Years", f.Digits(d.span())), cellProsecuted, cellConvicted)))
	if p.Kind != KindCountry {
		v.Sections = append(v.Sections, b.section(p, "coverage", b.coverage(p, victimsYear)))
	}
	return v
}

// section gathers the exhibits that have something to show under a
// heading; a section left empty says so.
func (b *builder) section(p *Place, id string, exhibits ...*exhibit) section {
	s := section{ID: p.ID() + "-" + id, Title: b.f.T("report.section." + id), Lead: b.f.T("report.section." + id + "_lead")}
	for _, e := range exhibits {
		if e != nil && !e.empty() {
			e.Section = s.Title
			s.Exhibits = append(s.Exhibits, e)
		}
	}
	return s
}

// empty reports whether nothing at all was reported for an exhibit.
func (e *exhibit) empty() bool {
	for _, r := range e.Data {
		switch r.Series {
		case "countries_missing":
		case "countries_reporting", "suppressed_cells":
			if r.Value != nil && *r.Value > 0 {
				return false
			}
		default:
			if r.Value != nil || r.Flag != "" {
				return false
			}
		}
	}
	return true
}
