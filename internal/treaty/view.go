package treaty

import (
	"encoding/json"
	"html/template"
	"slices"
	"time"

	"golang.org/x/text/collate"

	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

// Row is one line of the status table: an action as at the page's date,
// with the participant's name in the page's language.
type Row struct {
	Action
	Name   string
	Href   string // the country profile, "" for non-State parties
	Status Status
}

// InstrumentCount is an instrument with its counts as at the page's date.
type InstrumentCount struct {
	Instrument
	Count
	Selected bool
	Recorded bool // false: no status imported, so no count is shown
}

// nonStateKey is the catalogue key naming a non-State party.
func nonStateKey(name string) string {
	if name == "European Union" {
		return "treaty.european_union"
	}
	return ""
}

// participantName is how a page in loc's language names the participant:
// the country's name in that language, else the non-State party's.
func participantName(a Action, country func(string) (geo.Country, bool), loc *web.Localizer) string {
	if c, ok := country(a.ISO3); ok && a.ISO3 != "" {
		return c.Name(loc.Lang.Code)
	}
	if k := nonStateKey(a.Participant); k != "" {
		return loc.T(k)
	}
	return a.UNName
}

// rows names and sorts actions for the status table, in the language's
// alphabetical order.
func rows(actions []Action, asOf time.Time, country func(string) (geo.Country, bool), loc *web.Localizer) []Row {
	out := make([]Row, 0, len(actions))
	for _, a := range actions {
		r := Row{Action: a, Name: participantName(a, country, loc), Status: a.StatusAt(asOf)}
		if a.ISO3 != "" {
			r.Href = "/countries/" + a.ISO3
		}
		out = append(out, r)
	}
	col := collate.New(loc.Lang.Tag, collate.Loose)
	slices.SortStableFunc(out, func(x, y Row) int { return col.CompareString(x.Name, y.Name) })
	return out
}

// statusClass is the map palette class of a standing.
func statusClass(s Status) string {
	switch s {
	case StatusParty:
		return "m2"
	case StatusSignatory:
		return "m1"
	}
	return "m0"
}

// statusMap colours every country by its standing as at asOf: party,
// signatory only, or neither. It ignores the table's filters, so that a
// country left out of a filtered table never looks like a non-party.
func statusMap(actions []Action, asOf time.Time, countries []geo.Country, loc *web.Localizer) template.JS {
	byISO3 := map[string]Status{}
	for _, a := range actions {
		if a.ISO3 != "" {
			byISO3[a.ISO3] = a.StatusAt(asOf)
		}
	}
	values := map[string]geo.MapValue{}
	for _, c := range countries {
		s, ok := byISO3[c.ISO3]
		if !ok {
			s = StatusNone
		}
		// No links on the map: map.js would nest them in the figure's role="img",
		// which axe refuses (nested-interactive); the table links each country.
		values[c.M49] = geo.MapValue{Class: statusClass(s), Title: c.Name(loc.Lang.Code) + " — " + loc.T("treaty.status."+string(s))}
	}
	return geo.MapData(values)
}

// chartData is what js/chart.js draws: a line per instrument, years on x.
type chartData struct {
	Type   string        `json:"type"`
	X      []int         `json:"x"`
	Series []chartSeries `json:"series"`
	YName  string        `json:"yName"`
}

type chartSeries struct {
	Name string `json:"name"`
	Data []int  `json:"data"`
}

// overTimeChart encodes the parties-over-time series for the chart script.
func overTimeChart(years []int, series []Series, loc *web.Localizer) template.JS {
	d := chartData{Type: "line", X: years, YName: loc.T("treaty.chart_y")}
	for _, s := range series {
		in, _ := InstrumentByID(s.Instrument)
		d.Series = append(d.Series, chartSeries{Name: loc.T(in.ShortKey()), Data: s.Counts})
	}
	b, _ := json.Marshal(d)
	return template.JS(b)
}

// YearRow is one line of the chart's data table: a year and the parties
// to each charted instrument at its end.
type YearRow struct {
	Year   int
	Counts []int
}

// chartTable turns the series into the chart's table, latest year first.
func chartTable(years []int, series []Series) []YearRow {
	out := make([]YearRow, 0, len(years))
	for i := len(years) - 1; i >= 0; i-- {
		r := YearRow{Year: years[i]}
		for _, s := range series {
			r.Counts = append(r.Counts, s.Counts[i])
		}
		out = append(out, r)
	}
	return out
}
