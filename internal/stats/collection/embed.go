package collection

import "embed"

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
