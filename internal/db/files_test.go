package db_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tipsom/tipsom/internal/db"
)

// TestFiles decodes a data file by name, gives every file's bytes in the
// order named, and names the file in a decoding error.
func TestFiles(t *testing.T) {
	files := db.NewFiles(fstest.MapFS{
		"demo/b.json":   {Data: []byte(`{"name":"b"}`)},
		"demo/a.json":   {Data: []byte(`[1, 2]`)},
		"demo/bad.json": {Data: []byte(`{`)},
	}, "demo/b.json", "demo/a.json")
	var v struct{ Name string }
	if err := files.JSON("demo/b.json", &v); err != nil || v.Name != "b" {
		t.Fatalf("json: %+v, %v", v, err)
	}
	if got := bytes.Join(files.Contents(), []byte("|")); string(got) != `{"name":"b"}|[1, 2]` {
		t.Errorf("contents: %s", got)
	}
	if err := files.JSON("demo/bad.json", &v); err == nil || !strings.HasPrefix(err.Error(), "demo/bad.json: ") {
		t.Errorf("bad file: %v", err)
	}
	if err := files.JSON("demo/none.json", &v); err == nil {
		t.Error("a missing file decodes")
	}
	if got := db.NewFiles(fstest.MapFS{}, "demo/none.json").Contents(); len(got) != 1 || len(got[0]) == 0 {
		t.Errorf("missing file's contents: %q", got)
	}
}
