package report

import (
	"math"

	"github.com/tipsom/tipsom/internal/stats"
)

// findings are a place's key findings: sentences of the catalogue filled
// with the edition's own figures, so that every number in them is one the
// tables beside them print (or a share of those). A sentence whose figures
// are not published is left out.
func (b *builder) findings(p *Place) []string {
	var out []string
	add := func(s string, ok bool) {
		if ok {
			out = append(out, s)
		}
	}
	add(b.victimsFinding(p))
	add(b.changeFinding(p, cellVictims, "victims"))
	add(b.profileFinding(p, "report.finding.women_girls", 0, 2))
	add(b.profileFinding(p, "report.finding.children", 2, 3))
	add(b.formFinding(p))
	add(b.flowFinding(p))
	add(b.responseFinding(p, cellProsecuted, "report.finding.prosecuted"))
	add(b.responseFinding(p, cellConvicted, "report.finding.convicted"))
	add(b.changeFinding(p, cellConvicted, "convictions"))
	return out
}

// victimsFinding: how many victims were detected in the latest year, and
// — for a group — in how many countries, with what share of its
// population.
func (b *builder) victimsFinding(p *Place) (string, bool) {
	y := b.d.refYear(cellVictims, p)
	if y == 0 {
		return "", false
	}
	fig := b.d.figs.Get(cellVictims, y, p)
	n := *fig.Value
	if p.Kind == KindCountry {
		return b.f.T("report.finding.victims_country", "Year", y, "Count", n, "Number", b.f.Num(n), "Place", b.f.place(p)), true
	}
	cov := b.d.coverageOf(cellVictims, y, p)
	number := b.f.Num(n)
	if fig.SuppressedCells > 0 {
		// The sum leaves out figures below five: it is a least.
		number = b.f.T("report.at_least", "Number", number)
	}
	return b.f.T("report.finding.victims_group", "Year", y, "Count", n, "Number", number, "Place", b.f.place(p),
		"Coverage", b.f.coveragePhrase(cov)), true
}

// changeFinding compares the latest published count of a cell with the
// one before it: the sentence report.finding.<name>_up, _down or _same. A
// group compares only like with like — the sum over the same countries,
// those with a count in both years, named by their number — since a change
// in coverage is not a change in trafficking.
func (b *builder) changeFinding(p *Place, cellID, name string) (string, bool) {
	y := b.d.refYear(cellID, p)
	base := 0
	for _, prev := range b.d.years {
		if prev < y && b.d.figs.Get(cellID, prev, p).Value != nil {
			base = prev
		}
	}
	if y == 0 || base == 0 {
		return "", false
	}
	cmp, ok := b.d.compareLike(cellID, base, y, p)
	if !ok {
		return "", false
	}
	change := 100 * float64(cmp.Now-cmp.Was) / float64(cmp.Was)
	key := "report.finding." + name + "_up"
	switch {
	case math.Abs(change) < 0.5:
		key = "report.finding." + name + "_same"
	case change < 0:
		key = "report.finding." + name + "_down"
	}
	s := b.f.T(key, "Year", y, "Base", base, "Change", b.f.wholePercent(math.Abs(change)))
	if p.Kind != KindCountry {
		s = b.f.T("report.finding.same_countries", "Countries", b.f.Num(len(cmp.Countries)), "Base", base, "Year", y,
			"Was", b.f.Num(cmp.Was), "Now", b.f.Num(cmp.Now)) + " " + s
	}
	return s, true
}

// profileFinding: the share of some groups of the sex and age profile in
// the latest year for which the profile's shares are published.
func (b *builder) profileFinding(p *Place, key string, idx ...int) (string, bool) {
	for i := len(b.d.years) - 1; i >= 0; i-- {
		y := b.d.years[i]
		if s, ok := shareOf(b.d.partRows(p, sexAgeParts, y), idx...); ok {
			return b.f.T(key, "Year", y, "Share", b.f.sharePhrase(s), "Place", b.f.place(p)), true
		}
	}
	return "", false
}

// formFinding: the form of exploitation detected most often in the latest
// year for which the forms' shares are published.
func (b *builder) formFinding(p *Place) (string, bool) {
	for i := len(b.d.years) - 1; i >= 0; i-- {
		y := b.d.years[i]
		rows := b.d.partRows(p, formParts, y)
		top := -1
		for j, r := range rows {
			if r.Value != nil && (top < 0 || *r.Value > *rows[top].Value) {
				top = j
			}
		}
		if top < 0 {
			continue
		}
		if s, ok := shareOf(rows, top); ok {
			return b.f.T("report.finding.top_form", "Year", y, "Form", b.f.T("report.form_in_sentence."+formParts[top]),
				"Share", b.f.sharePhrase(s), "Place", b.f.place(p)), true
		}
	}
	return "", false
}

// flowFinding: where the victims detected in the flow year came from.
func (b *builder) flowFinding(p *Place) (string, bool) {
	fs := b.d.flows
	if fs.Year == 0 {
		return "", false
	}
	if p.Kind == KindCountry {
		domestic, ok := kindShares(fs.into(p, false))[stats.FlowDomestic]
		if !ok {
			return "", false
		}
		return b.f.T("report.finding.flows_country", "Year", fs.Year, "Share", b.f.sharePhrase(domestic), "Place", b.f.place(p)), true
	}
	share, ok := fs.share(p)
	if !ok {
		return "", false
	}
	by := map[string]*float64{}
	for _, c := range share.Classes {
		by[c.Class] = c.Share
	}
	dom, intra, trans := by[stats.FlowDomestic], by[stats.FlowIntraregional], by[stats.FlowTransregional]
	if dom == nil || intra == nil || trans == nil {
		return "", false
	}
	key := "report.finding.flows"
	if p.Kind == KindSubregion {
		key = "report.finding.flows_subregion"
	}
	return b.f.T(key, "Year", fs.Year, "Domestic", b.f.wholePercent(*dom), "Intra", b.f.wholePercent(*intra),
		"Trans", b.f.wholePercent(*trans), "Place", b.f.place(p)) + " " +
		b.f.T("report.finding.coverage", "Coverage", b.f.coveragePhrase(b.d.flowCoverage(p))), true
}

// responseFinding: how many persons were prosecuted or convicted in the
// latest year with a published count.
func (b *builder) responseFinding(p *Place, cellID, key string) (string, bool) {
	y := b.d.refYear(cellID, p)
	if y == 0 {
		return "", false
	}
	fig := b.d.figs.Get(cellID, y, p)
	n := *fig.Value
	number := b.f.Num(n)
	if p.Kind != KindCountry && fig.SuppressedCells > 0 {
		number = b.f.T("report.at_least", "Number", number)
	}
	s := b.f.T(key, "Year", y, "Count", n, "Number", number, "Place", b.f.place(p))
	if p.Kind != KindCountry {
		s += " " + b.f.T("report.finding.coverage", "Coverage", b.f.coveragePhrase(b.d.coverageOf(cellID, y, p)))
	}
	return s, true
}
