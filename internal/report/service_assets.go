package report

import (
	"fmt"
	"io/fs"
	"strings"
)

// editionAssets are the files every edition carries, so that it works
// from a folder (file://) as well as from the app, with no CDN: edition
// path → where it comes from ("ui:" the app's front-end roots, "own:"
// this package's static folder).
var editionAssets = []struct{ dst, src string }{
	{"assets/css/app.css", "ui:css/app.css"},
	{"assets/css/edition.css", "own:static/edition.css"},
	{"assets/js/chart.js", "ui:js/chart.js"},
	{"assets/js/flowmap.js", "own:static/flowmap.js"},
	{"assets/vendor/echarts.min.js", "ui:vendor/echarts.min.js"},
	{"assets/vendor/d3-array.min.js", "ui:vendor/d3-array.min.js"},
	{"assets/vendor/d3-geo.min.js", "ui:vendor/d3-geo.min.js"},
	{"assets/vendor/topojson-client.min.js", "ui:vendor/topojson-client.min.js"},
}

// worldAtlas is the world-atlas topology the flow maps draw. A page
// opened from a folder may not fetch() a JSON file, so the edition carries
// it as a script that sets window.tipsomWorld.
const (
	worldAtlasSrc = "vendor/countries-110m.json"
	worldAtlasDst = "assets/vendor/world-110m.js"
)

// copyAssets adds the assets to the edition.
func (s *Service) copyAssets(e *Edition) error {
	for _, a := range editionAssets {
		var data []byte
		var err error
		if name, ok := strings.CutPrefix(a.src, "own:"); ok {
			data, err = fs.ReadFile(staticFS, name)
		} else {
			name, _ := strings.CutPrefix(a.src, "ui:")
			data, err = s.uiAsset(name)
		}
		if err != nil {
			return err
		}
		e.Files[a.dst] = data
	}
	atlas, err := s.uiAsset(worldAtlasSrc)
	if err != nil {
		return err
	}
	e.Files[worldAtlasDst] = append(append([]byte("window.tipsomWorld = "), atlas...), []byte(";\n")...)
	return nil
}

// uiAsset reads a file of the app's front-end roots, the later roots
// overriding the earlier as the app's assets do.
func (s *Service) uiAsset(name string) ([]byte, error) {
	for i := len(s.Assets) - 1; i >= 0; i-- {
		if data, err := fs.ReadFile(s.Assets[i], name); err == nil {
			return data, nil
		}
	}
	return nil, fmt.Errorf("edition asset %s is missing (run `make assets` to install the front-end libraries)", name)
}
