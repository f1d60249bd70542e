package report

import "embed"

// Locales holds the report's message catalogues (locales/{lang}.json).
//
//go:embed locales
var Locales embed.FS

// OpenAPI describes the report's API routes.
//
//go:embed openapi.json
var OpenAPI []byte

// staticFS holds the files an edition carries of its own.
//
//go:embed static
var staticFS embed.FS

// editionTemplates are the pages of an edition.
//
//go:embed templates/edition
var editionTemplates embed.FS

// appTemplates are the report pages of the app.
//
//go:embed templates/app
var appTemplates embed.FS
