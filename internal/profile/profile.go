// Package profile defines how capabilities contribute to a country's
// profile page: each offers a section through one interface, and the app
// assembles them, so geo knows none of them.
package profile

import (
	"html/template"
	"net/http"
)

// Section is one capability's part of a country profile.
type Section struct {
	ID    string        // anchor on the page and key in the JSON profile, e.g. "treaties"
	Title string        // catalogue key of the section heading
	HTML  template.HTML // the section's body, rendered by the capability in the request's language
	Data  any           // the same content for GET /api/v1/countries/{iso3}
}

// Provider is implemented by each capability that has something to say
// about a country. It returns nil when it has nothing to show to this
// request's user (scope and roles are the provider's to check).
type Provider interface {
	CountrySection(r *http.Request, iso3 string) (*Section, error)
}
