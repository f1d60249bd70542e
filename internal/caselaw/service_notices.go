package caselaw

import (
	"context"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
)

// Notices is where the room tells people what happened to drafts (the
// notify plumbing; nil tells nobody). Messages name the case by its
// reference and link to it; they never quote it.
type Notices interface {
	Emit(ctx context.Context, ev notify.Event)
}

func caseEvent(kind notify.Kind, rec *Record) notify.Event {
	return notify.Event{Kind: kind, Key: "notify.event." + string(kind), Params: map[string]string{"Ref": rec.Case.ID},
		Object: "case:" + rec.Case.ID, URL: "/caselaw/" + rec.Case.ID}
}

// tellSaved tells the editors that a focal point's draft awaits
// publication (an editor's own save needs no telling).
func (s *Service) tellSaved(ctx context.Context, err error, by *auth.Principal, rec *Record) {
	if err != nil || rec == nil || s.Notices == nil || isEditor(by) || !rec.Pending() {
		return
	}
	ev := caseEvent(notify.KindCaseSubmitted, rec)
	ev.To = notify.Audience{Roles: []auth.Role{auth.RoleEditor}}
	s.Notices.Emit(ctx, ev)
}

// tellPublished tells the focal points of the case's country that it was
// published.
func (s *Service) tellPublished(ctx context.Context, err error, rec *Record) {
	if err != nil || rec == nil || s.Notices == nil {
		return
	}
	ev := caseEvent(notify.KindCasePublished, rec)
	ev.To = notify.Audience{Roles: []auth.Role{auth.RoleFocalPoint}, Country: rec.Case.Country}
	s.Notices.Emit(ctx, ev)
}
