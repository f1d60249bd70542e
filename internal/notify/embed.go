package notify

import "embed"

//go:embed templates
var templates embed.FS

// Locales are the catalogue of notices, tasks, the home page and mails.
//
//go:embed locales/*.json
var Locales embed.FS

// OpenAPI describes the /api/v1/me/tasks and /api/v1/me/notices routes.
//
//go:embed openapi.json
var OpenAPI []byte
