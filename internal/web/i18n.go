package web

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Lang is one of the six UI languages.
type Lang struct {
	Code string // "en", "fr", "es", "ar", "ru", "zh"
	Name string // the language's name in itself
	Dir  string // "ltr" or "rtl"
	Tag  language.Tag
}

// Langs are the UN's six official languages, in the UN's order.
var Langs = []Lang{
	{"ar", "العربية", "rtl", language.Arabic},
	{"zh", "中文", "ltr", language.Chinese},
	{"en", "English", "ltr", language.English},
	{"fr", "Français", "ltr", language.French},
	{"ru", "Русский", "ltr", language.Russian},
	{"es", "Español", "ltr", language.Spanish},
}

// LangCodes are the six languages' codes, in the same order: the keys of
// every multilingual text in tipsom.
var LangCodes = func() []string {
	out := make([]string, len(Langs))
	for i, l := range Langs {
		out[i] = l.Code
	}
	return out
}()

// Localizer is the catalogue in the language of request r.
func (u *UI) Localizer(r *http.Request) *Localizer { return u.Catalog.For(LangOf(r)) }

// DefaultLang is used when nothing says otherwise.
var DefaultLang = Langs[2]

// LangByCode returns the language with code, or false.
func LangByCode(code string) (Lang, bool) {
	for _, l := range Langs {
		if l.Code == code {
			return l, true
		}
	}
	return Lang{}, false
}

//go:embed locales/*.json
var localeFS embed.FS

// Catalog holds the messages of every language.
type Catalog struct {
	bundle  *i18n.Bundle
	keys    map[string]map[string]bool // lang → keys present
	matcher language.Matcher
	// Missing is called for a key absent in a language (logged by the app).
	Missing func(lang, key string)
	// Places names a country or area by its ISO 3166-1 code in lang, for
	// Localizer.Place (set by the app from geo: the UN's names).
	Places func(code, lang string) (string, bool)
	// plain keeps the text of each key asked for without arguments, per
	// language: the same every time, and a page asks for hundreds (labels,
	// the names of facet values), each otherwise a template run. Bounded by
	// the catalogue's keys.
	plain sync.Map // lang + "\x00" + key → string
}

// NewCatalog loads the embedded catalogues plus any given in extra (a
// capability's own locales folder), failing on a malformed file.
func NewCatalog(extra ...fs.FS) (*Catalog, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	c := &Catalog{bundle: b, keys: map[string]map[string]bool{}}
	for _, fsys := range append([]fs.FS{localeFS}, extra...) {
		files, err := fs.Glob(fsys, "locales/*.json")
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			data, err := fs.ReadFile(fsys, f)
			if err != nil {
				return nil, err
			}
			mf, err := b.ParseMessageFileBytes(data, f)
			if err != nil {
				return nil, fmt.Errorf("catalogue %s: %w", f, err)
			}
			// "fr.json" or "part.fr.json": the language is the last part
			// before the extension, as go-i18n reads it.
			code := strings.TrimSuffix(f[strings.LastIndex(f, "/")+1:], ".json")
			code = code[strings.LastIndex(code, ".")+1:]
			if c.keys[code] == nil {
				c.keys[code] = map[string]bool{}
			}
			for _, m := range mf.Messages {
				c.keys[code][m.ID] = true
			}
		}
	}
	tags := make([]language.Tag, len(Langs))
	for i, l := range Langs {
		tags[i] = l.Tag
	}
	c.matcher = language.NewMatcher(append([]language.Tag{DefaultLang.Tag}, tags...))
	return c, nil
}

// Keys returns the sorted keys present in lang, for the completeness test.
func (c *Catalog) Keys(lang string) []string {
	var out []string
	for k := range c.keys[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Has reports whether key exists in lang.
func (c *Catalog) Has(lang, key string) bool { return c.keys[lang][key] }

// Match picks the UI language for an Accept-Language header.
func (c *Catalog) Match(acceptLanguage string) Lang {
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	_, idx, conf := c.matcher.Match(tags...)
	if conf == language.No || idx == 0 {
		return DefaultLang
	}
	return Langs[idx-1]
}

// Localizer translates for one language.
type Localizer struct {
	Lang    Lang
	cat     *Catalog
	loc     *i18n.Localizer
	printer *message.Printer
	digits  numbering
}

// For returns the localizer of lang.
func (c *Catalog) For(lang Lang) *Localizer {
	p := message.NewPrinter(lang.Tag)
	return &Localizer{Lang: lang, cat: c, loc: i18n.NewLocalizer(c.bundle, lang.Code), printer: p, digits: numberingOf(p)}
}

// T translates key, filling its template from args (a map or name/value
// pairs). A "Count" argument selects the plural form. A missing key shows
// the key itself and is reported.
func (l *Localizer) T(key string, args ...any) string {
	if len(args) == 0 && l.cat.Has(l.Lang.Code, key) {
		ck := l.Lang.Code + "\x00" + key
		if s, ok := l.cat.plain.Load(ck); ok {
			return s.(string)
		}
		s := l.localize(key, nil)
		l.cat.plain.Store(ck, s)
		return s
	}
	return l.localize(key, args)
}

// localize is T without the memory of plain texts.
func (l *Localizer) localize(key string, args []any) string {
	data := argMap(args)
	cfg := &i18n.LocalizeConfig{MessageID: key, TemplateData: data}
	if n, ok := data["Count"]; ok {
		cfg.PluralCount = n
	}
	cfg.TemplateData = l.digits.args(data, l.Num)
	if !l.cat.Has(l.Lang.Code, key) && l.cat.Missing != nil {
		l.cat.Missing(l.Lang.Code, key)
	}
	s, err := l.loc.Localize(cfg)
	if err != nil {
		return key
	}
	return s
}

// Place is the name in the reader's language of the country or area whose
// ISO 3166-1 code (alpha-3 or alpha-2) is code, so that a page never shows
// a reader a bare code where a name is meant: {{$.Place .Country}}. A code
// no table knows is shown as it is; "" stays "".
func (l *Localizer) Place(code string) string {
	if code == "" || l.cat.Places == nil {
		return code
	}
	if n, ok := l.cat.Places(code, l.Lang.Code); ok {
		return n
	}
	return code
}

// Num formats an integer with the language's digit grouping.
func (l *Localizer) Num(n any) string { return l.printer.Sprintf("%d", n) }

// Date formats a date as ISO 8601, which reads the same in every language,
// in the language's digits.
func (l *Localizer) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.digits.of(t.UTC().Format("2006-01-02"))
}

// DateTime formats a time in UTC, to the minute, in the language's digits.
func (l *Localizer) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.digits.of(t.UTC().Format("2006-01-02 15:04 UTC"))
}

func argMap(args []any) map[string]any {
	if len(args) == 1 {
		if m, ok := args[0].(map[string]any); ok {
			return m
		}
	}
	m := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		if k, ok := args[i].(string); ok {
			m[k] = args[i+1]
		}
	}
	return m
}

type langKey struct{}

// LangCookie remembers the language chosen with the switcher.
const LangCookie = "tipsom_lang"

// WithLang picks the request's language — the switcher's cookie, else
// Accept-Language — and puts it in the context.
func (c *Catalog) WithLang(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := c.Match(r.Header.Get("Accept-Language"))
		if ck, err := r.Cookie(LangCookie); err == nil {
			if l, ok := LangByCode(ck.Value); ok {
				lang = l
			}
		}
		w.Header().Add("Vary", "Accept-Language, Cookie")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), langKey{}, lang)))
	})
}

// LangOf returns the request's language.
func LangOf(r *http.Request) Lang {
	if l, ok := r.Context().Value(langKey{}).(Lang); ok {
		return l
	}
	return DefaultLang
}
