package caselaw

import (
	"encoding/json"
	"html/template"
	"sort"
	"strconv"

	"github.com/tipsom/tipsom/internal/web"
)

// chartCountries is how many countries the chart draws apart; the rest
// are summed as "other countries". tableCountries bounds the tables.
const (
	chartCountries = 6
	tableCountries = 20
)

// analysisData is what templates/analysis.html shows.
type analysisData struct {
	A          *Analysis
	Chart      template.JS
	Columns    []string // chart series, in order
	Rows       []yearRow
	Conviction []shareRow
	Sentences  []medianRow
}

type yearRow struct {
	Year   int
	Counts []int
	Total  int
}

type shareRow struct {
	Share
	Name string
}

type medianRow struct {
	Median
	Name    string
	Purpose string
}

// analysisView shapes a for templates/analysis.html in loc's language: the
// chart and table of cases by year and country (the chartCountries
// countries with most cases apart, the rest summed), and the conviction and
// sentence tables of the tableCountries countries with most defendants.
func (h *Web) analysisView(loc *web.Localizer, a *Analysis) (analysisData, error) {
	d := analysisData{A: a}
	totals := map[string]int{}
	for _, y := range a.ByYear {
		totals[y.Country] += y.Cases
	}
	top := make([]string, 0, len(totals))
	for c := range totals {
		top = append(top, c)
	}
	sort.Slice(top, func(i, j int) bool {
		if totals[top[i]] != totals[top[j]] {
			return totals[top[i]] > totals[top[j]]
		}
		return top[i] < top[j]
	})
	if len(top) > chartCountries {
		top = top[:chartCountries]
	}
	col := map[string]int{}
	for i, c := range top {
		col[c] = i
		d.Columns = append(d.Columns, h.countryName(loc, c))
	}
	other := len(top)
	if len(totals) > len(top) {
		d.Columns = append(d.Columns, loc.T("caselaw.other_countries"))
	}
	byYear := map[int]*yearRow{}
	for _, y := range a.ByYear {
		row := byYear[y.Year]
		if row == nil {
			row = &yearRow{Year: y.Year, Counts: make([]int, len(d.Columns))}
			byYear[y.Year] = row
		}
		i, ok := col[y.Country]
		if !ok {
			i = other
		}
		row.Counts[i] += y.Cases
		row.Total += y.Cases
	}
	spec := web.Chart{Type: "bar", YName: loc.T("caselaw.chart_y")}
	for _, y := range a.Years {
		spec.X = append(spec.X, strconv.Itoa(y))
	}
	for i, name := range d.Columns {
		s := web.Series{Name: name}
		for _, y := range a.Years {
			n := float64(byYear[y].Counts[i])
			s.Data = append(s.Data, &n)
		}
		spec.Series = append(spec.Series, s)
	}
	for i := len(a.Years) - 1; i >= 0; i-- {
		d.Rows = append(d.Rows, *byYear[a.Years[i]])
	}
	b, err := json.Marshal(spec)
	if err != nil {
		return d, err
	}
	d.Chart = template.JS(b)
	for i, s := range a.Conviction {
		if i == tableCountries {
			break
		}
		d.Conviction = append(d.Conviction, shareRow{Share: s, Name: h.countryName(loc, s.Country)})
	}
	shown := map[string]bool{}
	for _, s := range d.Conviction {
		shown[s.Country] = true
	}
	for _, m := range a.Sentences {
		if !shown[m.Country] {
			continue
		}
		row := medianRow{Median: m, Name: h.countryName(loc, m.Country), Purpose: loc.T("caselaw.all_purposes")}
		if m.Purpose != "" {
			row.Purpose = loc.T(KeywordKey("purposes", m.Purpose))
		}
		d.Sentences = append(d.Sentences, row)
	}
	return d, nil
}
