package authorities_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/authorities"
	"github.com/tipsom/tipsom/internal/errs"
)

func known(iso3 string) bool { return iso3 == "ISL" }

// fieldError validates in and returns the error key of field ("" if none).
func fieldError(t *testing.T, in authorities.Input, field string) string {
	t.Helper()
	_, err := in.Validate(known, time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC))
	if err == nil {
		return ""
	}
	return errs.FieldKeys(err)[field]
}

func TestValidateFormats(t *testing.T) {
	cases := []struct {
		field, value, want string
	}{
		{"phone", "+354 545 9000", ""},
		{"phone", "(0)20 7946-0958", ""},
		{"phone", "+1 202 555 0100 ext. 12", ""},
		{"phone", "+1 202 555 0100 x12", ""},
		{"phone", "+1 23", "err.authorities_phone_invalid"},
		{"phone", "12+345678", "err.authorities_phone_invalid"},
		{"phone", "ask the desk", "err.authorities_phone_invalid"},
		{"website", "https://www.stjornarradid.is/", ""},
		{"website", "http://example.org/path?q=1", ""},
		{"website", "example.org", "err.authorities_url_invalid"},
		{"website", "ftp://example.org", "err.authorities_url_invalid"},
		{"website", "https://user:pw@example.org", "err.authorities_url_invalid"},
		{"email", "central.authority@example.org", ""},
		{"email", "Central Authority <ca@example.org>", "err.email_invalid"},
		{"last_confirmed", "2026-11-27", ""},
		{"last_confirmed", "2026-02-30", "err.date_invalid"},
	}
	for _, c := range cases {
		in := authorities.Input{Country: "ISL", Details: authorities.Details{Function: authorities.FunctionOther, Name: "Authority"}}
		switch c.field {
		case "phone":
			in.Phone = c.value
		case "website":
			in.Website = c.value
		case "email":
			in.Email = c.value
		case "last_confirmed":
			in.LastConfirmed = c.value
		}
		if got := fieldError(t, in, c.field); got != c.want {
			t.Errorf("%s %q: error %q, want %q", c.field, c.value, got, c.want)
		}
	}
}

func TestValidateLists(t *testing.T) {
	in := authorities.Input{Country: "isl", Details: authorities.Details{Function: "extradition", Name: " Authority ",
		Languages: authorities.SplitList("EN, fr;es  en"), Channels: []string{"Interpol", "email", "interpol"}}}
	if _, err := in.Validate(known, time.Now()); err != nil {
		t.Fatal(err)
	}
	got := []any{in.Country, in.Name, in.Languages, in.Channels}
	want := []any{"ISL", "Authority", []string{"en", "fr", "es"}, []string{"interpol", "email"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("normalised input (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"eng", "xx", "e1"} {
		in := authorities.Input{Country: "ISL", Details: authorities.Details{Function: "other", Name: "A", Languages: []string{bad}}}
		if got := fieldError(t, in, "languages"); got != "err.authorities_language_unknown" {
			t.Errorf("language %q: error %q", bad, got)
		}
	}
}

func TestLanguageName(t *testing.T) {
	for _, c := range []struct{ code, ui, want string }{
		{"fr", "en", "French"}, {"fr", "es", "francés"}, {"is", "fr", "islandais"}, {"zz", "en", "zz"},
	} {
		if got := authorities.LanguageName(c.code, c.ui); got != c.want {
			t.Errorf("LanguageName(%s, %s) = %q, want %q", c.code, c.ui, got, c.want)
		}
	}
}
