package app

import "github.com/tipsom/tipsom/internal/web"

// NewCatalog loads every catalogue: the shell's and each capability's.
func NewCatalog() (*web.Catalog, error) { return web.NewCatalog(localeSources()...) }
