package omnibus

import "embed"

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
