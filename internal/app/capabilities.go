package app

import (
	"io/fs"

	"github.com/tipsom/tipsom/internal/authorities"
	"github.com/tipsom/tipsom/internal/bodies"
	"github.com/tipsom/tipsom/internal/caselaw"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/notify"
	"github.com/tipsom/tipsom/internal/profile"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/stats/collection"
	"github.com/tipsom/tipsom/internal/treaty"
	"github.com/tipsom/tipsom/internal/web"
)

// capability is what the app needs from each room: its routes (and pages),
// its catalogue, its API description and, optionally, its section of the
// country profile. Each room's wiring lives in cap_<room>.go.
type capability struct {
	name     string
	register func(rt *web.Router) error
	openAPI  []byte
	section  profile.Provider // nil when the room has nothing per country
}

// localeSources are the capabilities' own catalogues, merged over the
// shell's. Every room with user-visible strings is listed here.
func localeSources() []fs.FS {
	return []fs.FS{notify.Locales, geo.Locales, treaty.Locales, bodies.Locales, authorities.Locales, stats.Locales, collection.Locales, caselaw.Locales, report.Locales}
}

// capabilities builds every room in dependency order: reference rooms
// first, so later ones can be given their services.
func (a *App) capabilities() ([]capability, error) {
	var out []capability
	for _, build := range []func() (capability, error){a.notifyCapability, a.geoCapability, a.treatyCapability, a.bodiesCapability, a.authoritiesCapability, a.statsCapability, a.collectionCapability, a.caselawCapability, a.reportCapability} {
		c, err := build()
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
