package web_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/tipsom/tipsom/internal/web"
)

// TestDigitsFollowTheLanguage checks that every number the localiser
// prints is in the language's CLDR digits: Arabic-Indic for Arabic, 0–9
// for the other five.
func TestDigitsFollowTheLanguage(t *testing.T) {
	msg := `{"t.rows": {"one": "{{.Count}} row in {{.Year}}", "other": "{{.Count}} rows in {{.Year}}, {{.Code}}"}}`
	many := "{{.Count}} rows in {{.Year}}, {{.Code}}"
	arMsg := `{"t.rows": {"zero": "` + many + `", "one": "` + many + `", "two": "` + many + `", "few": "` + many + `", "many": "` + many + `", "other": "` + many + `"}}`
	cat, err := web.NewCatalog(fstest.MapFS{"locales/ar.json": {Data: []byte(arMsg)}, "locales/en.json": {Data: []byte(msg)}})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 12, 3, 9, 5, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang                             string
		num, digits, dec, date, dt, text string
	}{
		{"ar", "١٬٢٣٤٬٥٦٧", "٢٠٢٣", "١٢٫٥", "٢٠٢٦-١٢-٠٣", "٢٠٢٦-١٢-٠٣ ٠٩:٠٥ UTC", "١٬٢٠٠ rows in ٢٠٢٣, M49"},
		{"en", "1,234,567", "2023", "12.5", "2026-12-03", "2026-12-03 09:05 UTC", "1200 rows in 2023, M49"},
	} {
		lang, _ := web.LangByCode(tc.lang)
		l := cat.For(lang)
		got := []string{l.Num(1234567), l.Digits(2023), l.Digits("12.5"), l.Date(day), l.DateTime(day), l.T("t.rows", "Count", 1200, "Year", 2023, "Code", "M49")}
		want := []string{tc.num, tc.digits, tc.dec, tc.date, tc.dt, tc.text}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s #%d: %q, want %q", tc.lang, i, got[i], want[i])
			}
		}
	}
	// The plural form is still chosen from the number.
	en, _ := web.LangByCode("en")
	if got := cat.For(en).T("t.rows", "Count", 1, "Year", 2023); got != "1 row in 2023" {
		t.Errorf("one: %q", got)
	}
}

func TestIsolateAndPlace(t *testing.T) {
	if got := web.Isolate("Sub-Saharan <Africa>"); got != "<bdi>Sub-Saharan &lt;Africa&gt;</bdi>" {
		t.Errorf("Isolate: %q", got)
	}
	if got := web.Isolate(""); got != "" {
		t.Errorf("Isolate of nothing: %q", got)
	}
	cat, err := web.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if got := cat.For(web.DefaultLang).Place("FRA"); got != "FRA" {
		t.Errorf("Place without a table: %q", got)
	}
	cat.Places = func(code, lang string) (string, bool) { return "France", code == "FRA" }
	if got := cat.For(web.DefaultLang).Place("FRA"); got != "France" {
		t.Errorf("Place: %q", got)
	}
}
