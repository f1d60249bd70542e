package collection

import (
	"embed"

	"github.com/tipsom/tipsom/internal/db"
)

//go:embed templates
var templates embed.FS

// Locales holds the workflow's message catalogues (locales/{lang}.json).
//
//go:embed locales
var Locales embed.FS

// OpenAPI describes the workflow's API routes (schemas prefixed Collection).
//
//go:embed openapi.json
var OpenAPI []byte

//go:embed demo/round.json
var demoFS embed.FS

// DemoFiles are the demo round's content (demo/round.json), read by LoadDemo; a
// loader digests them to tell when they change.
func DemoFiles() db.Files { return db.NewFiles(demoFS, "demo/round.json") }
