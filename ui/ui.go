// Package ui embeds tipsom's front-end assets: our own stylesheet and
// scripts (static/) and the npm libraries the Makefile copies into dist/
// from node_modules (never committed; package-lock.json pins them).
package ui

import (
	"embed"
	"io/fs"
)

//go:embed all:static all:dist
var files embed.FS

// Roots returns the asset roots, ours first, then the vendored libraries.
func Roots() []fs.FS {
	static, _ := fs.Sub(files, "static")
	dist, _ := fs.Sub(files, "dist")
	return []fs.FS{static, dist}
}
