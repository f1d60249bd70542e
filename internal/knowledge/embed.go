package knowledge

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

//go:embed templates
var templates embed.FS

//go:embed demo/resources.json demo/practices.json demo/news.json
var demoFS embed.FS

// DemoFiles are the demo content, read by LoadDemo; the app digests them
// to tell when they change.
func DemoFiles() db.Files {
	return db.NewFiles(demoFS, "demo/resources.json", "demo/practices.json", "demo/news.json")
}
