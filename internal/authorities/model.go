package authorities

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// Authority is one entry of the directory: an authority of a country that
// another country's officials need to reach for a function, with its
// contact details (personal data: readable only by officials with a second
// factor, every read audited) and when it was last confirmed correct.
// Details are what an entry says of the authority: what an editor writes,
// what the API shows (its fields stand at the top level of the JSON).
type Details struct {
	Function      string   `json:"function"`
	Name          string   `json:"name"`
	ContactPerson string   `json:"contact_person"`
	Address       string   `json:"address"`
	Phone         string   `json:"phone"`
	Email         string   `json:"email"`
	Website       string   `json:"website"`
	Languages     []string `json:"languages"` // ISO 639-1 codes
	Channels      []string `json:"channels"`
	Notes         string   `json:"notes"`
}

type Authority struct {
	ID      int64
	Country string // ISO3
	Details
	LastConfirmed time.Time // a calendar day (UTC midnight); zero when never confirmed
	ConfirmedBy   string    // the confirming official's name at the time
	Stale         bool      // computed on read: not confirmed within a year
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// AddressLines is the postal address line by line, for the page.
func (a Authority) AddressLines() []string { return strings.Split(a.Address, "\n") }

// NotesLines is the notes line by line, for the page.
func (a Authority) NotesLines() []string { return strings.Split(a.Notes, "\n") }

// staleCutoff is the first day on which an entry confirmed on it is still
// current when today is today: an entry confirmed a year and a day ago is
// stale, one confirmed exactly a year ago is not.
func staleCutoff(today time.Time) time.Time { return today.AddDate(-1, 0, 0) }

// StaleOn reports whether the entry needs confirming on day today: never
// confirmed, or last confirmed more than a year before.
func (a Authority) StaleOn(today time.Time) bool {
	return a.LastConfirmed.IsZero() || a.LastConfirmed.Before(staleCutoff(today))
}

// Day truncates t to its calendar day in UTC, the unit the directory
// records confirmations in.
func Day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Input is what a focal point or an admin submits for an entry, from the
// form or the JSON API. The country comes from the URL, never the body, so
// an entry cannot be moved into a country its editor does not hold.
type Input struct {
	Country string `json:"-"`
	Details
	// LastConfirmed (YYYY-MM-DD) is the day the details were last checked
	// with the authority; empty means today, as saving is a confirmation.
	LastConfirmed string `json:"last_confirmed"`
}

// maxLen is the longest each text field may be, in characters.
func maxLen(field string) int {
	switch field {
	case "name", "contact_person":
		return 300
	case "address", "website":
		return 1000
	case "phone":
		return 60
	case "email":
		return 254
	}
	return 4000 // notes
}

// normalise trims the text, canonicalises codes and drops repeated items.
func (in *Input) normalise() {
	for _, s := range []*string{&in.Country, &in.Function, &in.Name, &in.ContactPerson, &in.Address,
		&in.Phone, &in.Email, &in.Website, &in.Notes, &in.LastConfirmed} {
		*s = strings.TrimSpace(*s)
	}
	in.Country = strings.ToUpper(in.Country)
	in.Address = strings.ReplaceAll(in.Address, "\r\n", "\n")
	in.Notes = strings.ReplaceAll(in.Notes, "\r\n", "\n")
	in.Languages = dedupe(in.Languages, strings.ToLower)
	in.Channels = dedupe(in.Channels, strings.ToLower)
}

func dedupe(items []string, canon func(string) string) []string {
	out := []string{}
	for _, it := range items {
		if it = canon(strings.TrimSpace(it)); it != "" && !slices.Contains(out, it) {
			out = append(out, it)
		}
	}
	return out
}

// Validate normalises the input (trimmed text, canonical codes, no repeated
// items), checks it, reporting every wrong field at once, and returns the
// day of confirmation: the one given, else today.
func (in *Input) Validate(known func(iso3 string) bool, today time.Time) (time.Time, error) {
	in.normalise()
	e := errs.Invalid()
	if !known(in.Country) {
		e.Field("country", "err.country_unknown", "Code", in.Country)
	}
	switch {
	case in.Function == "":
		e.Field("function", "err.required")
	case !IsFunction(in.Function):
		e.Field("function", "err.authorities_function_unknown", "Code", in.Function)
	}
	if in.Name == "" {
		e.Field("name", "err.required")
	}
	texts := map[string]string{"name": in.Name, "contact_person": in.ContactPerson, "address": in.Address,
		"phone": in.Phone, "email": in.Email, "website": in.Website, "notes": in.Notes}
	for _, f := range []string{"name", "contact_person", "address", "phone", "email", "website", "notes"} {
		if utf8.RuneCountInString(texts[f]) > maxLen(f) {
			e.Field(f, "err.too_long", "Max", maxLen(f))
		}
	}
	if in.Phone != "" && !validPhone(in.Phone) {
		e.Field("phone", "err.authorities_phone_invalid")
	}
	if in.Email != "" && !auth.ValidEmail(in.Email) {
		e.Field("email", "err.email_invalid")
	}
	if in.Website != "" && !validWebsite(in.Website) {
		e.Field("website", "err.authorities_url_invalid")
	}
	in.validateLists(e)
	day := Day(today)
	if in.LastConfirmed != "" {
		d, err := time.Parse(time.DateOnly, in.LastConfirmed)
		switch {
		case err != nil:
			e.Field("last_confirmed", "err.date_invalid")
		case d.After(day):
			e.Field("last_confirmed", "err.authorities_date_future")
		default:
			day = d
		}
	}
	return day, e.OrNil()
}

func (in *Input) validateLists(e *errs.Error) {
	for i, code := range in.Languages {
		c, ok := canonicalLanguage(code)
		if !ok {
			e.Field("languages", "err.authorities_language_unknown", "Code", code)
			break
		}
		in.Languages[i] = c
	}
	if len(in.Languages) > 20 {
		e.Field("languages", "err.authorities_too_many", "Max", 20)
	}
	for _, c := range in.Channels {
		if !IsChannel(c) {
			e.Field("channels", "err.authorities_channel_unknown", "Code", c)
			break
		}
	}
}

// phonePattern is an international number as people write it: digits
// with spaces, dots, dashes, slashes and brackets, an optional leading +,
// and an optional extension ("ext. 12", "x12").
var phonePattern = regexp.MustCompile(`^\+?[0-9 ./()\-]+?(\s*(ext\.?|x)\s*[0-9]+)?$`)

// validPhone reports whether s looks like a phone number with at least five
// digits before any extension.
func validPhone(s string) bool {
	m := phonePattern.FindStringSubmatchIndex(strings.ToLower(s))
	if m == nil {
		return false
	}
	number := s
	if m[2] >= 0 {
		number = s[:m[2]]
	}
	return countDigits(number) >= 5
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// validWebsite accepts absolute http and https addresses with a host.
func validWebsite(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		!strings.ContainsAny(s, " \t\n") && u.User == nil
}
