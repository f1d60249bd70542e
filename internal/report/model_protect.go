package report

import "github.com/tipsom/tipsom/internal/stats"

// protect applies disclosure control to the edition as a whole. The API
// protects each query on its own; the edition prints the world, every
// region, every sub-region and every country side by side, so for each
// cell and year it ties them with every line that holds exactly — the
// world and each group are the sums of their countries, the world the sum
// of the regions (and of the sub-regions), a region the sum of its
// sub-regions when they nest — and withholds whatever a reader could
// otherwise recover by subtraction across pages. It only ever withholds:
// every count still printed is the one the API answers.
func (f *Figures) protect(ps *Places) {
	for _, c := range reportCells {
		for _, y := range f.Years {
			f.protectCell(ps, c.ID, y)
		}
	}
}

func (f *Figures) protectCell(ps *Places, cellID string, year int) {
	var l stats.Lines
	idx := map[*Place]int{}
	add := func(p *Place) (int, bool) {
		if i, ok := idx[p]; ok {
			return i, true
		}
		r := f.rows[key(cellID, year, p)]
		if r == nil {
			return 0, false
		}
		idx[p] = l.Add(r)
		return idx[p], true
	}
	// sumOf ties total to its parts; a part without a figure contributes
	// nothing, so it stays out of the line.
	sumOf := func(total *Place, parts []*Place) {
		t, ok := add(total)
		if !ok {
			return
		}
		var cells []int
		for _, p := range parts {
			if i, ok := add(p); ok {
				cells = append(cells, i)
			}
		}
		l.Sum(t, cells...)
	}
	sumOf(ps.World, ps.Countries)
	for _, g := range append(append([]*Place(nil), ps.Regions...), ps.Subregions...) {
		sumOf(g, g.Profiles)
	}
	sumOf(ps.World, append(append([]*Place(nil), ps.Regions...), outside(ps.Countries, ps.regionOf)...))
	if len(ps.Subregions) > 0 {
		sumOf(ps.World, append(append([]*Place(nil), ps.Subregions...), outside(ps.Countries, ps.subOf)...))
	}
	for _, r := range ps.Regions {
		if r.nested() {
			sumOf(r, r.Children)
		}
	}
	l.Protect()
}

// outside lists the countries that no group of a grouping holds: the world
// is the sum of the groups and of them.
func outside(countries []*Place, of map[string]*Place) []*Place {
	var out []*Place
	for _, c := range countries {
		if of[c.Code] == nil {
			out = append(out, c)
		}
	}
	return out
}
