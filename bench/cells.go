package bench

import (
	"math/rand/v2"
	"strconv"

	"github.com/tipsom/tipsom/internal/stats"
)

// The published vocabulary, as labels: the five TIP indicators, the sexes
// and ages, the three published forms of exploitation.
var (
	indicators = labels(stats.Indicators[:5], func(i stats.Indicator) string { return i.Label })
	sexes      = labels(stats.Sexes, func(t stats.Term) string { return t.Label })
	ages       = labels(stats.Ages, func(t stats.Term) string { return t.Label })
	forms      = stats.Categories[stats.DimExploitation][:3]
	unit       = stats.Units[0].Label
)

// Indicator indexes in indicators.
const (
	indVictims = iota
	indFormalContact
	indProsecuted
	indConvicted
	indOffences
)

func labels[T any](ts []T, label func(T) string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = label(t)
	}
	return out
}

// dimLabel is a dimension's published label.
func dimLabel(code string) string {
	for _, d := range stats.Dimensions {
		if d.Code == code {
			return d.Label
		}
	}
	return code
}

// cell is one key of a country-year.
type cell struct {
	ind      int
	dim, cat string
	sex, age int
}

// countryYear generates one country's rows for one year. A cell's value is
// the indicator's total times the shares of its category, sex and age,
// rounded down; shares of parts add up to less than one, so no breakdown
// exceeds its total.
type countryYear struct {
	r         *rand.Rand
	p         Place
	year      int
	others    []Place
	total     [5]int64
	sexShare  []float64
	ageShare  []float64
	catShare  map[[2]string]float64
	seen      map[cell]bool
	citizen   string // the label of the citizenship dimension
	repatriat string
}

func newCountryYear(r *rand.Rand, p Place, year int, places []Place) *countryYear {
	g := &countryYear{r: r, p: p, year: year, others: places, catShare: map[[2]string]float64{}, seen: map[cell]bool{},
		citizen: dimLabel(stats.DimCitizenship), repatriat: dimLabel(stats.DimRepatriation)}
	victims := logUniform(r, 20000)
	prosecuted := logUniform(r, 3000)
	g.total = [5]int64{victims, logUniform(r, 5000), prosecuted, prosecuted * int64(10+r.IntN(60)) / 100, logUniform(r, 2000)}
	g.sexShare = append([]float64{1}, shares(r, len(sexes)-1)...)
	g.ageShare = append([]float64{1}, shares(r, len(ages)-1)...)
	total := dimLabel(stats.DimTotal)
	g.catShare[[2]string{total, stats.CategoryTotal}] = 1
	exploitation := dimLabel(stats.DimExploitation)
	for i, s := range shares(r, len(forms)) {
		g.catShare[[2]string{exploitation, forms[i]}] = s
	}
	g.catShare[[2]string{g.citizen, stats.CategoryNationals}] = 0.3 + 0.3*r.Float64()
	g.catShare[[2]string{g.repatriat, stats.CategoryAbroad}] = 0.1 + 0.2*r.Float64()
	return g
}

// share is the fraction of the indicator's total a category holds, fixed
// for the country-year on first use.
func (g *countryYear) share(dim, cat string) float64 {
	k := [2]string{dim, cat}
	s, ok := g.catShare[k]
	if !ok {
		x := g.r.Float64()
		s = 0.25 * x * x * x // a few countries of citizenship matter, most hardly
		g.catShare[k] = s
	}
	return s
}

// cells returns k distinct cells: the five indicators' totals first (so
// every aggregate has figures), then published breakdowns mixed with
// citizenship and repatriation rows.
func (g *countryYear) cells(k int) []cell {
	out := make([]cell, 0, k)
	add := func(c cell) {
		if !g.seen[c] {
			g.seen[c] = true
			out = append(out, c)
		}
	}
	total := dimLabel(stats.DimTotal)
	for ind := range indicators {
		if len(out) < k {
			add(cell{ind: ind, dim: total, cat: stats.CategoryTotal})
		}
	}
	fixed := g.breakdowns()
	for len(out) < k {
		if len(fixed) > 0 && g.r.IntN(10) < 3 {
			add(fixed[0])
			fixed = fixed[1:]
			continue
		}
		add(g.random())
	}
	return out
}

// breakdowns are the breakdowns most countries publish: victims by sex and
// age, and victims, prosecutions and convictions by form of exploitation.
func (g *countryYear) breakdowns() []cell {
	total, exploitation := dimLabel(stats.DimTotal), dimLabel(stats.DimExploitation)
	var out []cell
	for _, sa := range [][2]int{{1, 0}, {2, 0}, {0, 1}, {0, 2}, {1, 1}, {1, 2}, {2, 1}, {2, 2}} {
		out = append(out, cell{ind: indVictims, dim: total, cat: stats.CategoryTotal, sex: sa[0], age: sa[1]})
	}
	for _, ind := range []int{indVictims, indProsecuted, indConvicted} {
		for _, f := range forms {
			out = append(out, cell{ind: ind, dim: exploitation, cat: f})
		}
	}
	for _, f := range forms {
		for _, sa := range [][2]int{{1, 1}, {1, 2}, {2, 1}, {2, 2}} {
			out = append(out, cell{ind: indVictims, dim: exploitation, cat: f, sex: sa[0], age: sa[1]})
		}
	}
	return out
}

// random returns a cell drawn as the published data is spread: mostly
// citizenship and repatriation, some finer breakdowns.
func (g *countryYear) random() cell {
	r := g.r
	c := cell{sex: pick(r, []int{50, 20, 20, 3, 7}), age: pick(r, []int{50, 20, 20, 10})}
	switch x := r.IntN(100); {
	case x < 55:
		c.dim, c.ind = g.citizen, []int{indVictims, indVictims, indVictims, indVictims, indProsecuted, indConvicted}[r.IntN(6)]
		c.cat = g.country(stats.CategoryNationals)
	case x < 80:
		c.dim, c.ind, c.cat = g.repatriat, indVictims, g.country(stats.CategoryAbroad)
	case x < 90:
		c.dim, c.cat, c.ind = dimLabel(stats.DimTotal), stats.CategoryTotal, r.IntN(len(indicators))
	default:
		c.dim, c.cat = dimLabel(stats.DimExploitation), forms[r.IntN(len(forms))]
		c.ind = []int{indVictims, indProsecuted, indConvicted}[r.IntN(3)]
	}
	return c
}

// country returns special (Nationals, Abroad) now and then, otherwise the
// English name of another country.
func (g *countryYear) country(special string) string {
	if g.r.IntN(100) < 15 {
		return special
	}
	for {
		if o := g.others[g.r.IntN(len(g.others))]; o.ISO3 != g.p.ISO3 {
			return o.Name
		}
		if len(g.others) == 1 {
			return special
		}
	}
}

// pick draws an index with the given weights.
func pick(r *rand.Rand, weights []int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	x := r.IntN(sum)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// row writes c in the published layout.
func (g *countryYear) row(c cell) []string {
	v := int64(float64(g.total[c.ind]) * g.share(c.dim, c.cat) * g.sexShare[c.sex] * g.ageShare[c.age])
	return []string{g.p.ISO3, g.p.Name, g.p.Region, g.p.Subregion, indicators[c.ind], c.dim, c.cat, sexes[c.sex], ages[c.age],
		strconv.Itoa(g.year), unit, FormatValue(v), "GLOTIP"}
}
