package report

import (
	"context"
	"fmt"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/stats"
)

// The demo edition: one Global Report edition built from the statistics
// the demo loads, which are UNODC's real published GLOTIP file (release of
// 30/05/2023), not invented figures. Its pages cite that source as every
// edition does.
const DemoEdition = "glotip-2023"

// demoYears are the years the demo edition covers: the last five of the
// published file.
var demoYears = stats.Span{From: 2017, To: 2021}

// LoadDemo builds and publishes the demo edition (English and French web
// editions; the PDF is printed on demand from the reports page) when there
// is none: run again, it changes nothing.
func (s *Service) LoadDemo(ctx context.Context) error {
	by := auth.System("demo")
	if _, _, err := s.Edition(ctx, by, DemoEdition); err == nil || !errs.Is(err, errs.KindNotFound) {
		return err
	}
	spec := Spec{Edition: DemoEdition, Years: demoYears, Langs: []string{"en", "fr"}}
	if _, err := s.BuildDraft(ctx, by, spec); err != nil {
		return fmt.Errorf("build the demo edition: %w", err)
	}
	return s.Publish(ctx, by, DemoEdition)
}
