package search

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	unitok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// maxTokenBytes drops tokens no word reaches (PostgreSQL refuses lexemes
// over 2 KB; FTS5 has no limit, and the engines must agree).
const maxTokenBytes = 100

// Analyzer turns text into index tokens, one bleve analyser chain per
// language. It is safe for concurrent use.
type Analyzer struct {
	chains map[string]analysis.Analyzer
}

// NewAnalyzer builds the six chains from bleve's components. The Latin and
// Cyrillic chains fold diacritics before stop words and stemming.
func NewAnalyzer() (*Analyzer, error) {
	c := registry.NewCache()
	a := &Analyzer{chains: map[string]analysis.Analyzer{}}
	var err error
	build := func(lang, stopList string, names ...string) {
		if err != nil {
			return
		}
		var tok analysis.Tokenizer
		if tok, err = c.TokenizerNamed(unitok.Name); err != nil {
			return
		}
		var filters []analysis.TokenFilter
		for _, n := range names {
			switch n {
			case "fold":
				filters = append(filters, foldFilter{})
			case "stop":
				var list analysis.TokenMap
				if list, err = c.TokenMapNamed(stopList); err != nil {
					return
				}
				filters = append(filters, newFoldedStopFilter(list))
			default:
				var f analysis.TokenFilter
				if f, err = c.TokenFilterNamed(n); err != nil {
					err = fmt.Errorf("token filter %s: %w", n, err)
					return
				}
				filters = append(filters, f)
			}
		}
		a.chains[lang] = &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: filters}
	}
	build("en", en.StopName, en.PossessiveName, lowercase.Name, "fold", "stop", porter.Name)
	build("fr", fr.StopName, lowercase.Name, fr.ElisionName, "fold", "stop", fr.LightStemmerName)
	build("es", es.StopName, lowercase.Name, "fold", "stop", es.LightStemmerName)
	build("ru", ru.StopName, lowercase.Name, "fold", "stop", ru.SnowballStemmerName)
	if err != nil {
		return nil, fmt.Errorf("search analysers: %w", err)
	}
	for lang, name := range map[string]string{"ar": ar.AnalyzerName, "zh": cjk.AnalyzerName} {
		if a.chains[lang], err = c.AnalyzerNamed(name); err != nil {
			return nil, fmt.Errorf("search analyser %s: %w", name, err)
		}
	}
	return a, nil
}

// Tokens analyses text written in lang. An empty or unknown lang means the
// language is not known (an attachment, a court's name): the text is then
// analysed by every language its script may be written in, each token kept
// once per position.
func (a *Analyzer) Tokens(lang, text string) []string { return a.tokensWith(lang, text, nil) }

// tokensWith is Tokens, adding to surfaces (when not nil) the surface form
// of every token that is not its own: the word of the text it comes from,
// lower-cased ("trafficking" for "traffick"), the first one met.
func (a *Analyzer) tokensWith(lang, text string, surfaces map[string]string) []string {
	if _, ok := a.chains[lang]; ok {
		return a.runWith(lang, text, surfaces)
	}
	langs := ScriptLanguages(text)
	if len(langs) == 1 {
		return a.runWith(langs[0], text, surfaces)
	}
	var out []string
	seen := map[string]bool{}
	for i, l := range langs {
		for _, t := range a.runWith(l, text, surfaces) {
			if i == 0 {
				seen[t] = true
				out = append(out, t)
			} else if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// run applies one chain, then splits what is left on anything that is not
// a letter, digit or mark: both engines' tokenizers then see exactly these
// words and nothing to split further.
func (a *Analyzer) run(lang, text string) []string { return a.runWith(lang, text, nil) }

// runWith is run, noting the tokens' surface forms in surfaces (see
// tokensWith); Chinese bigrams are their own.
func (a *Analyzer) runWith(lang, text string, surfaces map[string]string) []string {
	var out []string
	if lang == "zh" {
		surfaces = nil
	}
	for _, t := range a.chains[lang].Analyze([]byte(text)) {
		term := string(t.Term)
		if !strings.ContainsFunc(term, notWordRune) {
			// The usual case: one word, nothing to split.
			if term != "" && len(term) <= maxTokenBytes && utf8.ValidString(term) {
				out = append(out, term)
				if surfaces != nil && t.Start >= 0 && t.End <= len(text) && t.Start < t.End {
					if _, ok := surfaces[term]; !ok {
						if w := strings.ToLower(text[t.Start:t.End]); w != term && len(w) <= maxTokenBytes &&
							utf8.ValidString(w) && !strings.ContainsFunc(w, notWordRune) {
							surfaces[term] = w
						}
					}
				}
			}
			continue
		}
		for _, w := range strings.FieldsFunc(term, notWordRune) {
			if len(w) <= maxTokenBytes && utf8.ValidString(w) {
				out = append(out, w)
			}
		}
	}
	return out
}

func notWordRune(r rune) bool {
	return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

// ScriptLanguages names the analysers for text of unknown language, by the
// scripts it uses: Latin → en, fr, es; Cyrillic → ru; Arabic → ar; Han,
// kana or Hangul → zh. Text with no letters gets English.
func ScriptLanguages(text string) []string {
	var latin, cyr, arab, cjkScript bool
	for _, r := range text {
		switch {
		case r < 0x80:
			latin = latin || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
		case unicode.Is(unicode.Latin, r):
			latin = true
		case unicode.Is(unicode.Cyrillic, r):
			cyr = true
		case unicode.Is(unicode.Arabic, r):
			arab = true
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			cjkScript = true
		}
	}
	var out []string
	if latin {
		out = append(out, "en", "fr", "es")
	}
	if cyr {
		out = append(out, "ru")
	}
	if arab {
		out = append(out, "ar")
	}
	if cjkScript {
		out = append(out, "zh")
	}
	if len(out) == 0 {
		out = []string{"en"}
	}
	return out
}
