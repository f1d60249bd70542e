package authorities

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/geo"
)

// functionGroup is one function's entries on the country page.
type functionGroup struct {
	Function string
	Entries  []Authority
}

// countryData is what the country page shows: the entries by function and,
// for editors, the add or edit form with its values.
type countryData struct {
	Country   geo.Country
	Groups    []functionGroup
	Count     Count
	CanEdit   bool
	Edit      *Authority // the entry in the form; nil: the form adds one
	Values    url.Values // the form's values: defaults, the entry's, or as submitted
	Functions []string
	Channels  []string
	Today     time.Time
	lang      string
}

// find returns the entry whose id is the text id, or nil.
func (d *countryData) find(id string) *Authority {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil
	}
	for _, g := range d.Groups {
		for i := range g.Entries {
			if g.Entries[i].ID == n {
				return &g.Entries[i]
			}
		}
	}
	return nil
}

// LangName names an ISO 639-1 code in the page's language, for templates.
func (d *countryData) LangName(code string) string { return LanguageName(code, d.lang) }

// Checked reports whether value is among the form's values for name.
func (d *countryData) Checked(name, value string) bool { return slices.Contains(d.Values[name], value) }

// Action is where the form posts: the entry's address, or the country's.
func (d *countryData) Action() string {
	if d.Edit != nil {
		return countryPath(d.Country.ISO3) + "/" + strconv.FormatInt(d.Edit.ID, 10)
	}
	return countryPath(d.Country.ISO3)
}

// formValues fills the edit form from a, proposing today as the day of
// confirmation: the editor is checking the details as they save them.
func formValues(a *Authority, today time.Time) url.Values {
	v := url.Values{"function": {a.Function}, "name": {a.Name}, "contact_person": {a.ContactPerson},
		"address": {a.Address}, "phone": {a.Phone}, "email": {a.Email}, "website": {a.Website},
		"notes": {a.Notes}, "last_confirmed": {today.Format(time.DateOnly)}, "channels": a.Channels}
	v.Set("languages", strings.Join(a.Languages, ", "))
	return v
}
