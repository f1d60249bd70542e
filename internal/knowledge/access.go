package knowledge

import (
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// Who works in the Hub: partners (organisation accounts) contribute
// resources and good practices; editors moderate them and write news and
// events. Everyone reads what is published.
var (
	contributors = []auth.Role{auth.RoleNGO, auth.RoleEditor, auth.RoleAdmin}
)

// isEditor reports whether by moderates the Hub.
func isEditor(by *auth.Principal) bool { return by.IsSystem() || by.HasAny(auth.Editors...) }

// mayRead reports whether by may read it: published items are public;
// the others are their organisation's and the editors'.
func mayRead(by *auth.Principal, it *Item) bool {
	if it.Status == StatusPublished || isEditor(by) {
		return true
	}
	return it.OrgID != 0 && by.Has(auth.RoleNGO) && by.OrgID == it.OrgID
}

// requireRead is mayRead as an error: not found, so nobody learns what
// exists behind a number.
func requireRead(by *auth.Principal, it *Item) error {
	if !mayRead(by, it) {
		return errs.NotFound()
	}
	return nil
}

// requireEdit checks that by may change it now: editors always; its
// organisation while it waits in moderation or was sent back.
func requireEdit(by *auth.Principal, it *Item) error {
	if err := requireRead(by, it); err != nil {
		return err
	}
	if isEditor(by) {
		return nil
	}
	if err := auth.RequireOrg(by, it.OrgID, auth.RoleNGO); err != nil {
		return err
	}
	if it.Status != StatusSubmitted && it.Status != StatusReturned {
		return errs.Conflict("err.knowledge_not_editable")
	}
	return nil
}
