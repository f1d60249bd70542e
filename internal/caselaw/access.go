package caselaw

import (
	"github.com/tipsom/tipsom/internal/auth"
)

// drafters may write cases: editors anywhere, focal points for their own
// country (checked by requireDrafter).
func drafters() []auth.Role { return []auth.Role{auth.RoleEditor, auth.RoleFocalPoint} }

// DraftPolicy guards the routes that draft cases.
func DraftPolicy() auth.Policy { return auth.Roles(drafters()...) }

// EditorPolicy guards the routes only editors use: review, publish,
// confirm, history, legislation.
func EditorPolicy() auth.Policy { return auth.Roles(auth.RoleEditor) }

// requireDrafter checks that by may draft a case of country.
func requireDrafter(by *auth.Principal, country string) error {
	return auth.RequireCountry(by, country, drafters()...)
}

// requireEditor checks that by is an editor (or the command line).
func requireEditor(by *auth.Principal) error { return auth.Require(by, auth.RoleEditor) }

// seesDrafts reports whether by may see unpublished revisions of a case of
// country: editors, and the country's focal point.
func seesDrafts(by *auth.Principal, country string) bool { return requireDrafter(by, country) == nil }

// isEditor reports whether by may review and publish.
func isEditor(by *auth.Principal) bool { return requireEditor(by) == nil }
