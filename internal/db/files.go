package db

import (
	"encoding/json"
	"fmt"
	"io/fs"
)

// Files are data files shipped with the binary (a room's demo/*.json),
// named in a fixed order: the room decodes them by name, the app digests
// them all to tell when they change.
type Files struct {
	fsys  fs.FS
	names []string
}

// NewFiles names the files of fsys that make up one set, in order.
func NewFiles(fsys fs.FS, names ...string) Files {
	return Files{fsys: fsys, names: names}
}

// Contents returns each file's bytes in order; a missing file gives its
// error's text instead, so a digest still changes with it.
func (f Files) Contents() [][]byte {
	out := make([][]byte, len(f.names))
	for i, name := range f.names {
		b, err := fs.ReadFile(f.fsys, name)
		if err != nil {
			b = []byte(err.Error())
		}
		out[i] = b
	}
	return out
}

// JSON decodes the file name into v; errors name the file.
func (f Files) JSON(name string, v any) error {
	b, err := fs.ReadFile(f.fsys, name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
