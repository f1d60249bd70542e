package stats

import (
	"strconv"

	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/web"
)

// viewer formats protected figures for one reader's language: counts with
// the language's grouping, decimals with its separator, flags as they are.
type viewer struct {
	loc *web.Localizer
	p   *message.Printer
	geo *geo.Service
}

func newViewer(loc *web.Localizer, g *geo.Service) *viewer {
	return &viewer{loc: loc, p: message.NewPrinter(loc.Lang.Tag), geo: g}
}

// T translates a catalogue key.
func (v *viewer) T(key string, args ...any) string { return v.loc.T(key, args...) }

// namer names countries and groups in the reader's language.
func (v *viewer) namer() Namer {
	return Namer{
		Country: func(iso3 string) string {
			if c, ok := v.geo.Country(iso3); ok {
				return c.Name(v.loc.Lang.Code)
			}
			return iso3
		},
		Group: func(g *geo.Grouping, group string) string {
			if k := g.GroupKey(group); k != "" {
				return v.loc.T(k)
			}
			return group
		},
		T: v.loc.T,
	}
}

// cell shows a published cell.
func (v *viewer) cell(c Cell) TableCell {
	if n, ok := c.Count(); ok {
		return numberCell(float64(n), 0, v.loc.Num(n))
	}
	// "<5" is a number too: the page writes it in the reader's digits.
	f := flagCell(c.Text(), "flag "+c.Kind)
	f.Show = v.loc.Digits(f.Text)
	return f
}

// sum shows a protected sum.
func (v *viewer) sum(s Sum) TableCell { return v.cell(CellOf(s)) }

// decimal shows a rate or a share.
func (v *viewer) decimal(x float64, digits int) TableCell {
	return numberCell(x, digits, v.p.Sprintf("%.*f", digits, x))
}

// share shows a percentage, or nothing when it is not published.
func (v *viewer) share(x float64, ok bool) TableCell {
	if !ok {
		return flagCell("", "flag")
	}
	return v.decimal(x, 1)
}

// rate shows row's rate per 100,000 in year column j: "–" when none of its
// reporting countries has a population.
func (v *viewer) rate(r GridRow, j int) TableCell {
	if x, ok := r.Rate(j); ok {
		return v.decimal(x, 2)
	}
	if r.Sums[j].Withheld {
		return flagCell(WithheldText, "flag "+KindWithheld)
	}
	if r.Pop[j] == 0 && r.NoPop[j] > 0 {
		return flagCell(NoPopText, "flag nopop")
	}
	return v.sum(r.Sums[j])
}

// count shows a plain integer (coverage).
func (v *viewer) count(n int) TableCell {
	return numberCell(float64(n), 0, v.loc.Num(n))
}

// yearText writes a year in the reader's digits, without grouping: the
// page's headings and sentences, so that a table reads in one digit
// system (downloads keep year for their headings).
func (v *viewer) yearText(y int) string { return v.p.Sprint(number.Decimal(y, number.NoSeparator())) }

// year writes a year as a column heading.
func year(y int) string { return strconv.Itoa(y) }
