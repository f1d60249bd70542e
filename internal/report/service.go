package report

import (
	"context"
	"io/fs"
	"log/slog"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/web"
)

// DefaultChromium is where Debian installs the browser that prints PDFs.
const DefaultChromium = "/usr/bin/chromium"

// Statistics is what the report reads of the statistics room: its
// protected aggregates, flows and sources, and the import the demo loads
// its fictional figures through. *stats.Service is one.
type Statistics interface {
	Aggregate(ctx context.Context, q stats.Query, grouping string, label func(g *geo.Grouping, group string) string) ([]stats.AggregateRow, error)
	CountryAggregates(ctx context.Context, q stats.Query) (map[string]stats.AggregateRow, error)
	Flows(ctx context.Context, q stats.FlowQuery, n stats.Namer) (*stats.Flows, error)
	Sources(ctx context.Context, from, to int) ([]stats.SourceCount, error)
	Import(ctx context.Context, by *auth.Principal, name string, data []byte, opts stats.ImportOptions) (*stats.ImportReport, error)
}

var _ Statistics = (*stats.Service)(nil)

// Service builds editions and keeps the published ones.
type Service struct {
	DB      *db.DB
	Stats   Statistics
	Geo     *geo.Service
	Catalog *web.Catalog
	// Assets are the front-end roots (ui.Roots()) the edition copies its
	// stylesheet, chart script and vendored libraries from.
	Assets []fs.FS
	// Printer prints PDFs; its zero value uses DefaultChromium.
	Printer Printer
	Now     func() time.Time
	// Log hears what fails in a background build; slog's default when nil.
	Log *slog.Logger
	// Notices tells analysts a background build ended (service_tasks.go).
	Notices Notices
	pages   *pageTemplates
	jobs    jobs
}

// NewService returns a report service, parsing the edition's templates
// once so that a broken template stops the program at start.
func NewService(d *db.DB, st Statistics, g *geo.Service, cat *web.Catalog, assets []fs.FS) (*Service, error) {
	pt, err := parsePageTemplates()
	if err != nil {
		return nil, err
	}
	return &Service{DB: d, Stats: st, Geo: g, Catalog: cat, Assets: assets, Now: time.Now, pages: pt}, nil
}
