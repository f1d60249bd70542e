// Package questionnaires embeds the self-assessment questionnaires of the
// Omnibus checklist: one versioned YAML file per instrument, in the format
// README.md describes. internal/omnibus loads and validates them at start.
package questionnaires

import "embed"

// Files holds every questionnaire file (*.yaml).
//
//go:embed *.yaml
var Files embed.FS
