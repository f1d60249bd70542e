package stats

import (
	"html/template"
	"sort"

	"github.com/tipsom/tipsom/internal/geo"
)

// mapClasses are the map palette's classes from the lowest values to the
// highest (the explorer's stylesheet makes them a sequential scale).
var mapClasses = []string{"m1", "m2", "m3", "m4", "m5"}

// worldMap colours each country by its own row's value in the table's last
// year column: e's rows are countries (never a group's total painted on its
// members); groupOf names, when the reader chose a grouping, the group each
// country belongs to, for its title. Flags and empty cells stay grey (m0).
// The legend gives each class's range.
func (v *viewer) worldMap(e *Exploration, t *Table, groupOf map[string]string) (template.JS, [][2]string) {
	col := len(e.Grid.Years) - 1
	var published []float64
	for _, r := range t.Rows[:len(t.Rows)-1] {
		if c := r.Cells[col]; c.Value != nil && *c.Value > 0 {
			published = append(published, *c.Value)
		}
	}
	bounds := breaks(published, len(mapClasses))
	values := map[string]geo.MapValue{}
	for i, r := range t.Rows[:len(t.Rows)-1] {
		c := r.Cells[col]
		class := "m0"
		if c.Value != nil && *c.Value > 0 {
			class = spread(sort.SearchFloat64s(bounds, *c.Value), len(bounds))
		}
		if !e.Places[i].IsCountry {
			continue
		}
		country, ok := v.geo.Country(r.Code)
		if !ok || country.M49 == "" {
			continue
		}
		show := c.Show
		if show == "" {
			show = v.T("stats.no_figure")
		}
		title := country.Name(v.loc.Lang.Code) + ": " + show
		if g := groupOf[r.Code]; g != "" {
			title = country.Name(v.loc.Lang.Code) + " (" + g + "): " + show
		}
		values[country.M49] = geo.MapValue{Class: class, Title: title}
	}
	var legend [][2]string
	lo := 0.0
	for k, hi := range bounds {
		digits := 0
		if e.Query.Measure == MeasureRate {
			digits = 2
		}
		legend = append(legend, [2]string{spread(k, len(bounds)), v.p.Sprintf("%.*f–%.*f", digits, lo, digits, hi)})
		lo = hi
	}
	legend = append(legend, [2]string{"m0", v.T("stats.map_no_value")})
	return geo.MapData(values), legend
}

// breaks are the upper bounds of up to n classes holding about as many
// values each (quantiles), the last one the maximum.
func breaks(vals []float64, n int) []float64 {
	if len(vals) == 0 {
		return nil
	}
	sorted := append([]float64(nil), vals...)
	sort.Float64s(sorted)
	var out []float64
	for k := 1; k <= n; k++ {
		b := sorted[(k*len(sorted)-1)/n]
		if len(out) == 0 || b > out[len(out)-1] {
			out = append(out, b)
		}
	}
	return out
}

// spread picks class i of n from the palette, as far apart as the palette
// allows, so that three classes read light, middle and dark.
func spread(i, n int) string {
	if n <= 1 {
		return mapClasses[len(mapClasses)-1]
	}
	return mapClasses[i*(len(mapClasses)-1)/(n-1)]
}
