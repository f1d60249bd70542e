package errs_test

import (
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/errs"
)

// TestText adds a text field's first problem, counting characters (not
// bytes), and says whether the text passed.
func TestText(t *testing.T) {
	for _, c := range []struct {
		v        string
		required bool
		want     string // the field's key, "" for none
	}{
		{"", true, "err.required"},
		{"", false, ""},
		{"abcde", true, ""},
		{"abcdef", false, "err.too_long"},
		{strings.Repeat("é", 5), true, ""}, // ten bytes, five characters
		{strings.Repeat("中", 6), true, "err.too_long"},
	} {
		e := errs.Invalid()
		ok := e.Text("name", c.v, c.required, 5)
		got := errs.FieldKeys(e.OrNil())["name"]
		if got != c.want || ok != (c.want == "") {
			t.Errorf("%q (required %v): %q, passed %v; want %q", c.v, c.required, got, ok, c.want)
		}
	}
}
