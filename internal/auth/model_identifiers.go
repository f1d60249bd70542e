package auth

import (
	"strings"

	"github.com/tipsom/tipsom/internal/errs"
)

// bidiControls are the characters that reorder the text around them
// without showing themselves: embeddings and overrides (U+202A–U+202E),
// isolates (U+2066–U+2069), the left-to-right and right-to-left marks
// (U+200E, U+200F) and the Arabic letter mark (U+061C). In a name or a
// label they let one string pose as another ("Ann\u202Egpj.exe" shows as
// "Annexe.jpg"), so identifiers refuse them; right-to-left text itself
// needs none of them.
const bidiControls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C"

// HasBidiControl reports whether s holds a bidirectional control character.
func HasBidiControl(s string) bool { return strings.ContainsAny(s, bidiControls) }

// checkName adds to e the first problem of v, the identifier in field (a
// name, a short name, a label): missing, longer than max characters, or
// holding a bidirectional control.
func checkName(e *errs.Error, field, v string, max int) {
	if e.Text(field, v, true, max) && HasBidiControl(v) {
		e.Field(field, "err.bidi_control")
	}
}
