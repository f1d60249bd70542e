package caselaw

import "embed"

// demoFiles are the demo's fictional case law: phrase banks in the six
// languages, the countries and courts, and a model law (demo/*.json).
//
//go:embed demo/*.json
var demoFiles embed.FS
