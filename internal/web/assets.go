package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// Assets serves static files at content-hashed URLs
// (/assets/css/app.1a2b3c4d5e.css) with a year-long, immutable cache
// lifetime: a changed file gets a new URL, so no cache ever serves it stale.
type Assets struct {
	files  map[string]asset  // logical name → file
	hashed map[string]string // hashed name → logical name
}

type asset struct {
	data   []byte
	url    string
	ctype  string
	digest string
}

// NewAssets indexes every file of the given roots; a name in a later root
// overrides an earlier one.
func NewAssets(roots ...fs.FS) (*Assets, error) {
	a := &Assets{files: map[string]asset{}, hashed: map[string]string{}}
	for _, root := range roots {
		err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return err
			}
			data, err := fs.ReadFile(root, p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			digest := hex.EncodeToString(sum[:])[:12]
			ext := path.Ext(p)
			hashedName := strings.TrimSuffix(p, ext) + "." + digest + ext
			ctype := mime.TypeByExtension(ext)
			if ctype == "" {
				ctype = http.DetectContentType(data)
			}
			a.files[p] = asset{data: data, url: "/assets/" + hashedName, ctype: ctype, digest: digest}
			a.hashed[hashedName] = p
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("index assets: %w", err)
		}
	}
	return a, nil
}

// URL returns the hashed URL of the asset name, or "" when there is none.
func (a *Assets) URL(name string) string { return a.files[name].url }

// Has reports whether the asset exists.
func (a *Assets) Has(name string) bool { _, ok := a.files[name]; return ok }

// ServeHTTP serves /assets/{hashed name}.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name, ok := a.hashed[strings.TrimPrefix(r.URL.Path, "/assets/")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	f := a.files[name]
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("ETag", `"`+f.digest+`"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.Header.Get("If-None-Match") == `"`+f.digest+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(f.data)
}
