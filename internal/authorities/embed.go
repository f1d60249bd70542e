package authorities

import (
	"embed"

	"github.com/tipsom/tipsom/internal/db"
)

// Locales holds this capability's message catalogues (locales/{lang}.json).
//
//go:embed locales
var Locales embed.FS

// OpenAPI describes this capability's API routes.
//
//go:embed openapi.json
var OpenAPI []byte

//go:embed demo/entries.json
var demoFS embed.FS

// DemoFiles are the demo content (demo/entries.json), read by LoadDemo; a
// loader digests them to tell when they change.
func DemoFiles() db.Files { return db.NewFiles(demoFS, "demo/entries.json") }
