package web

import "strings"

// Texts is one text in several of the six languages, by language code: a
// title or a summary written in the languages its author had. Pages show
// it in the reader's language when it exists there, else in English, else
// in the first language that has it.
type Texts map[string]string

// In returns the text for a reader of lang and the language it is in.
func (t Texts) In(lang string) (string, string) {
	if s := t[lang]; s != "" {
		return s, lang
	}
	if s := t[DefaultLang.Code]; s != "" {
		return s, DefaultLang.Code
	}
	for _, l := range LangCodes {
		if s := t[l]; s != "" {
			return s, l
		}
	}
	return "", ""
}

// For is In without the language, for templates: {{.Title.For $.Lang.Code}}.
func (t Texts) For(lang string) string {
	s, _ := t.In(lang)
	return s
}

// Langs lists the languages the text exists in, in the catalogue's order.
func (t Texts) Langs() []string {
	var out []string
	for _, l := range LangCodes {
		if t[l] != "" {
			out = append(out, l)
		}
	}
	return out
}

// Clean trims every text and drops the empty ones and the languages that
// are not among the six.
func (t Texts) Clean() Texts {
	out := Texts{}
	for _, l := range LangCodes {
		if s := strings.TrimSpace(t[l]); s != "" {
			out[l] = s
		}
	}
	return out
}
