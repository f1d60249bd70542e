package auth

import "embed"

// templates are the sign-in, account and admin pages.
//
//go:embed templates
var templates embed.FS

// OpenAPI describes the account API routes (merged into /api/v1/openapi.json).
//
//go:embed openapi.json
var OpenAPI []byte
