package authorities

import (
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Functions an authority serves in international cooperation, in the order
// the directory shows them. A country may have several entries per function
// (several focal points, one central authority per instrument).
const (
	FunctionMLA         = "mla_central_authority" // central authority for mutual legal assistance (UNTOC art. 18(13))
	FunctionExtradition = "extradition"           // authority for extradition requests (UNTOC art. 16)
	FunctionSOMVessels  = "som_vessels"           // requests about vessels (SOM Protocol art. 8(6))
	FunctionTIP         = "tip_coordinator"       // national anti-trafficking coordinator
	FunctionFocalPoint  = "focal_point"           // national focal point
	FunctionOther       = "other"
)

// Functions lists every function in display order. It returns a new slice
// so callers cannot change the vocabulary.
func Functions() []string {
	return []string{FunctionMLA, FunctionExtradition, FunctionSOMVessels, FunctionTIP, FunctionFocalPoint, FunctionOther}
}

// Channels are the ways a request can reach an authority. The vocabulary is
// the directory's own, close to the wording of the UNODC directory: the
// diplomatic channel, central authority to central authority, INTERPOL,
// direct contact between competent authorities, email, fax and post.
func Channels() []string {
	return []string{"diplomatic", "central_authority", "interpol", "direct", "email", "fax", "post"}
}

// IsFunction reports whether f is a known function.
func IsFunction(f string) bool { return slices.Contains(Functions(), f) }

// IsChannel reports whether c is a known channel.
func IsChannel(c string) bool { return slices.Contains(Channels(), c) }

// canonicalLanguage returns code as a canonical ISO 639-1 code ("EN" → "en"),
// or false when it is not a two-letter code in the ISO 639 registry that
// golang.org/x/text carries. Three-letter codes are refused on purpose: the
// directory speaks ISO 639-1, which every authority's paperwork uses.
func canonicalLanguage(code string) (string, bool) {
	code = strings.ToLower(strings.TrimSpace(code))
	if len(code) != 2 || code[0] < 'a' || code[0] > 'z' || code[1] < 'a' || code[1] > 'z' {
		return "", false
	}
	b, err := language.ParseBase(code)
	if err != nil || b.String() != code {
		return "", false
	}
	return code, true
}

// SplitList splits a form's list ("en, fr es;ru") into its items, dropping
// empty ones; JSON clients send arrays instead.
func SplitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' })
}

// LanguageName is the name of the ISO 639-1 language code in the UI
// language uiLang ("fr" in Russian: "французский"); the code itself when
// x/text has no name for it.
func LanguageName(code, uiLang string) string {
	b, err := language.ParseBase(code)
	if err != nil {
		return code
	}
	tag, err := language.Parse(uiLang)
	if err != nil {
		tag = language.English
	}
	namer := display.Languages(tag)
	if namer == nil {
		return code
	}
	if n := namer.Name(b); n != "" {
		return n
	}
	return code
}
