package stats

import "embed"

// Locales holds this capability's message catalogues (locales/{lang}.json).
//
//go:embed locales
var Locales embed.FS

// OpenAPI describes this capability's API routes.
//
//go:embed openapi.json
var OpenAPI []byte

// templates are the statistics pages.
//
//go:embed templates
var templates embed.FS
