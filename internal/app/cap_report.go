package app

import (
	"context"
	"fmt"

	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/ui"
)

// reportCapability wires the Global Report on the statistics room. In demo
// mode it loads fictional statistics and publishes a demo edition, so the
// portal has a report to show.
func (a *App) reportCapability() (capability, error) {
	svc, err := a.Report()
	if err != nil {
		return capability{}, err
	}
	if a.Config.Demo {
		if err := svc.LoadDemo(context.Background()); err != nil {
			return capability{}, fmt.Errorf("report demo: %w", err)
		}
	}
	h := &report.Web{Svc: svc, UI: a.UI}
	return capability{name: "report", openAPI: report.OpenAPI, register: h.Register}, nil
}

// Report builds a report service on the app's statistics, countries and
// catalogue; the command line uses it to build editions to a folder.
func (a *App) Report() (*report.Service, error) {
	return report.NewService(a.DB, a.Stats, a.Geo, a.UI.Catalog, ui.Roots())
}
