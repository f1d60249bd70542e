package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/web"
)

// The demo data: fictional figures for a few countries of every region,
// so that `tipsom serve --demo` has statistics to build a report from. The
// figures are generated (a seeded random source), never real, and their
// source says so on every page of an edition built from them.
var (
	demoCountries = []string{"ISL", "DEU", "ITA", "ROU", "UKR", "KEN", "NGA", "EGY", "BRA", "MEX", "IND", "THA", "PHL", "AUS"}
	demoYears     = stats.Span{From: 2015, To: 2022}
)

// DemoEdition is the edition demo mode publishes.
const DemoEdition = "demo"

// demoCSV writes the demo figures in the published dataUNODC layout.
func (s *Service) demoCSV() ([]byte, error) {
	en := s.Catalog.For(web.DefaultLang)
	r := rand.New(rand.NewPCG(2026, 5))
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	rows := [][]string{{"UNODC", "demo@example.org"}, {"01/01/2026"}, stats.Columns}
	for i, iso3 := range demoCountries {
		c, ok := s.Geo.Country(iso3)
		if !ok {
			return nil, fmt.Errorf("demo country %s is unknown", iso3)
		}
		base := 20 + r.IntN(400)
		if iso3 == "ISL" {
			base = 6 // small figures: the demo shows "<5" and disclosure control
		}
		row := func(ind, dim, cat, sex, age string, year int, n int64) {
			v := strconv.FormatInt(n, 10)
			if n > 0 && n < stats.MinPublished {
				v = stats.SuppressedText
			}
			rows = append(rows, []string{iso3, c.Name("en"), en.T("geo.m49." + c.Region), en.T("geo.m49." + c.Subregion),
				stats.IndicatorByCode(ind).Label, stats.Label(stats.Dimensions, dim), cat, stats.Label(stats.Sexes, sex), stats.Label(stats.Ages, age),
				strconv.Itoa(year), stats.Units[0].Label, v, DemoSource})
		}
		for y := demoYears.From; y <= demoYears.To; y++ {
			v := int64(float64(base) * (0.8 + 0.05*float64(y-demoYears.From) + 0.2*r.Float64()))
			row("detected_victims", stats.DimTotal, stats.CategoryTotal, "total", "total", y, v)
			for k, sa := range [][2]string{{"female", "adult"}, {"male", "adult"}, {"female", "child"}, {"male", "child"}} {
				row("detected_victims", stats.DimTotal, stats.CategoryTotal, sa[0], sa[1], y, v*int64(10+r.IntN(15)+5*(1-k/2))/100)
			}
			for _, form := range stats.Categories[stats.DimExploitation][:3] {
				row("detected_victims", stats.DimExploitation, form, "total", "total", y, v*int64(15+r.IntN(15))/100)
			}
			row("detected_victims", stats.DimCitizenship, stats.CategoryNationals, "total", "total", y, v*int64(30+r.IntN(30))/100)
			for _, k := range []int{(i + 3) % len(demoCountries), (i + 7) % len(demoCountries)} {
				o, _ := s.Geo.Country(demoCountries[k])
				row("detected_victims", stats.DimCitizenship, o.Name("en"), "total", "total", y, v*int64(5+r.IntN(15))/100)
			}
			p := v * int64(20+r.IntN(40)) / 100
			row("prosecuted", stats.DimTotal, stats.CategoryTotal, "total", "total", y, p)
			row("convicted", stats.DimTotal, stats.CategoryTotal, "total", "total", y, p*int64(20+r.IntN(50))/100)
		}
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("write demo data: %w", err)
	}
	return b.Bytes(), nil
}

// LoadDemo loads the fictional demo figures (once: importing the same file
// again changes nothing) and publishes a demo edition when there is none,
// so that demo mode shows a report at /reports.
func (s *Service) LoadDemo(ctx context.Context) error {
	by := auth.System("demo")
	data, err := s.demoCSV()
	if err != nil {
		return err
	}
	rep, err := s.Stats.Import(ctx, by, "demo-glotip.csv", data, stats.ImportOptions{AcceptFindings: true})
	if err != nil {
		return fmt.Errorf("import demo statistics: %w", err)
	}
	if !rep.Stored && !rep.Unchanged {
		return fmt.Errorf("import demo statistics: nothing stored (%d findings)", len(rep.Findings))
	}
	if _, _, err := s.Edition(ctx, by, DemoEdition); err == nil || !errs.Is(err, errs.KindNotFound) {
		return err
	}
	spec := Spec{Edition: DemoEdition, Years: demoYears, Langs: []string{"en", "fr"}}
	if _, err := s.BuildDraft(ctx, by, spec); err != nil {
		return fmt.Errorf("build the demo edition: %w", err)
	}
	return s.Publish(ctx, by, DemoEdition)
}
