package report

import (
	"math"
	"strconv"

	"golang.org/x/text/collate"
	"golang.org/x/text/message"

	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/web"
)

// NoFigureText marks a cell for which nothing was reported.
const NoFigureText = "–"

// formatter writes one language of the edition: names of places and
// countries, counts with the language's digit grouping, shares with its
// decimal separator, and the catalogue's sentences.
type formatter struct {
	*web.Localizer
	p    *message.Printer
	geo  *geo.Service
	coll *collate.Collator
}

func newFormatter(loc *web.Localizer, g *geo.Service) *formatter {
	return &formatter{Localizer: loc, p: message.NewPrinter(loc.Lang.Tag), geo: g, coll: collate.New(loc.Lang.Tag)}
}

// country names a country in the language.
func (f *formatter) country(iso3 string) string {
	if c, ok := f.geo.Country(iso3); ok {
		return c.Name(f.Lang.Code)
	}
	return iso3
}

// place names a place in the language: a system grouping's groups from the
// catalogue, an analyst's groups by their own label.
func (f *formatter) place(p *Place) string {
	switch p.Kind {
	case KindWorld:
		return f.T("report.world")
	case KindCountry:
		return f.country(p.Code)
	}
	if k := p.Grouping.GroupKey(p.Code); k != "" {
		return f.T(k)
	}
	return p.Code
}

// sorted returns places in the language's alphabetical order.
func (f *formatter) sorted(ps []*Place) []*Place { return sortedByName(ps, f.place, f.coll) }

// percent writes a share with one decimal, as tables show it.
func (f *formatter) percent(x float64) string { return f.p.Sprintf("%.1f", x) }

// wholePercent writes a share rounded to a whole number, as sentences say it.
func (f *formatter) wholePercent(x float64) string { return f.p.Sprintf("%d", int64(math.Round(x))) }

// rowCell shows an aggregate figure: its count, or why there is none.
func (f *formatter) rowCell(r stats.AggregateRow) tableCell {
	if r.Value != nil {
		return tableCell{Text: f.Num(*r.Value), Class: "num"}
	}
	return f.flagCell(rowFlag(r))
}

// cell shows a figure of the flows.
func (f *formatter) cell(c stats.Cell) tableCell {
	if n, ok := c.Count(); ok {
		return tableCell{Text: f.Num(n), Class: "num"}
	}
	return f.flagCell(c.Text())
}

// flagCell shows a figure without a count: its flag, or a dash with a
// spoken "no figure" when nothing was reported.
func (f *formatter) flagCell(flag string) tableCell {
	if flag == "" {
		return tableCell{Text: NoFigureText, Class: "flag", Spoken: f.T("report.no_figure")}
	}
	return tableCell{Text: f.Digits(flag), Class: "flag"} // "<5" in the reader's digits
}

// shareCell shows a share, or a dash when it is not published.
func (f *formatter) shareCell(x *float64) tableCell {
	if x == nil {
		return f.flagCell("")
	}
	return tableCell{Text: f.percent(*x), Class: "num"}
}

// rangeCell shows a share of a breakdown: exact, or — when parts below
// five leave it uncertain — the range they allow, marked so, with the
// reason spoken; a dash when it is not published.
func (f *formatter) rangeCell(s *shareRange) tableCell {
	if s == nil {
		return f.flagCell("")
	}
	if v := s.value(); v != nil {
		return tableCell{Text: f.percent(*v), Class: "num"}
	}
	lo, hi := f.percent(*roundShare(s.Low)), f.percent(*roundShare(s.High))
	return tableCell{Text: f.T("report.share_range", "Low", lo, "High", hi), Class: "num range",
		Spoken: f.T("report.share_range_spoken", "Low", lo, "High", hi)}
}

// sharePhrase writes a share as a sentence says it: a whole percent, or
// "between … and …" when figures below five leave it uncertain.
func (f *formatter) sharePhrase(s shareRange) string {
	lo, hi := math.Round(s.Low), math.Round(s.High)
	if lo == hi {
		return f.wholePercent(s.Low)
	}
	return f.T("report.share_between", "Low", f.wholePercent(s.Low), "High", f.wholePercent(s.High))
}

// coveragePhrase says what a total rests on: how many countries reported
// and, when populations are loaded, their share of the population.
func (f *formatter) coveragePhrase(c coverage) string {
	if c.PopShare == nil {
		return f.T("report.coverage_phrase", "Countries", f.Num(len(c.Countries)))
	}
	return f.T("report.coverage_phrase_pop", "Countries", f.Num(len(c.Countries)), "Share", f.wholePercent(*c.PopShare))
}

// count shows a plain integer (coverage).
func (f *formatter) count(n int) tableCell { return tableCell{Text: f.Num(n), Class: "num"} }

// rowFlag is how downloads mark a figure without a count: "x" withheld by
// disclosure control, "<5" one figure below five, ".." several, "" none.
func rowFlag(r stats.AggregateRow) string {
	switch {
	case r.Value != nil:
		return ""
	case r.Suppressed:
		return stats.WithheldText
	case r.CountriesReporting == 0 && r.SuppressedCells == 1:
		return stats.SuppressedText
	case r.CountriesReporting == 0 && r.SuppressedCells > 1:
		return stats.SuppressedNText
	}
	return ""
}

// chartValue is a figure as a chart plots it: nothing when there is no
// published count.
func chartValue(v *int64) *float64 {
	if v == nil {
		return nil
	}
	x := float64(*v)
	return &x
}

// roundShare keeps a share as tables and downloads show it, one decimal,
// so the chart holds no more than the table.
func roundShare(x float64) *float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 1, 64), 64)
	return &r
}
