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
	svc.Notices = a.Notify.Plug(svc)
	h := &report.Web{Svc: svc, UI: a.UI}
	return capability{name: "report", openAPI: report.OpenAPI, register: h.Register}, nil
}

// Report is the app's report service on its statistics, countries and
// catalogue, built once: its background builds belong to the app, which
// waits for them when it closes. The command line uses it to build
// editions to a folder.
func (a *App) Report() (*report.Service, error) {
	a.reportOnce.Do(func() {
		a.report, a.reportErr = report.NewService(a.DB, a.Stats, a.Geo, a.UI.Catalog, ui.Roots())
		if a.reportErr == nil {
			a.report.Log = a.Log
		}
	})
	return a.report, a.reportErr
}
