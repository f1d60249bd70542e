package bodies

import (
	"context"
	"net/http"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

// The editors' forms on a body's page. Each parses its form, asks the
// service, and either redirects back to the section it changed with a
// flash, or re-renders the page with the message beside the field of the
// form that was sent (the hidden "form" value says which).

// failed re-renders the body page with err beside its fields; errors that
// are not about the input go on to the error page.
func (h *Web) failed(w http.ResponseWriter, r *http.Request, slug string, err error) error {
	if !web.IsFormError(err) {
		return err
	}
	d, derr := h.bodyData(r, slug)
	if derr != nil {
		return derr
	}
	return h.UI.FormError(w, r, "bodies/body", "bodies.title", d, err)
}

// act runs one form of the body page: do changes something, then the
// browser goes back to anchor on the page with flash.
func (h *Web) act(w http.ResponseWriter, r *http.Request, anchor, flash string,
	do func(ctx context.Context, by *auth.Principal, slug string) error) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx, slug := r.Context(), r.PathValue("slug")
	if err := do(ctx, auth.FromContext(ctx), slug); err != nil {
		return h.failed(w, r, slug, err)
	}
	return web.Redirect(w, r, bodyURL(slug)+anchor, flash)
}

// withID is act for forms on one item, named by the {id} path value.
func (h *Web) withID(w http.ResponseWriter, r *http.Request, anchor, flash string,
	do func(ctx context.Context, by *auth.Principal, slug string, id int64) error) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.act(w, r, anchor, flash, func(ctx context.Context, by *auth.Principal, slug string) error {
		return do(ctx, by, slug, id)
	})
}

func bodyInput(r *http.Request) BodyInput {
	return BodyInput{Slug: r.PostFormValue("slug"), Acronym: r.PostFormValue("acronym"), Name: r.PostFormValue("name"),
		Mandate: r.PostFormValue("mandate"), Membership: Membership(r.PostFormValue("membership"))}
}

func (h *Web) createBody(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	b, err := h.Svc.CreateBody(ctx, auth.FromContext(ctx), bodyInput(r))
	if err != nil {
		if !web.IsFormError(err) {
			return err
		}
		d, derr := h.listData(r)
		if derr != nil {
			return derr
		}
		return h.UI.FormError(w, r, "bodies/list", "bodies.title", d, err)
	}
	return web.Redirect(w, r, bodyURL(b.Slug), "flash.bodies_created")
}

func (h *Web) updateBody(w http.ResponseWriter, r *http.Request) error {
	return h.act(w, r, "", "flash.bodies_updated", func(ctx context.Context, by *auth.Principal, slug string) error {
		_, err := h.Svc.UpdateBody(ctx, by, slug, bodyInput(r))
		return err
	})
}

func (h *Web) addMember(w http.ResponseWriter, r *http.Request) error {
	return h.act(w, r, "#members", "flash.bodies_member_added", func(ctx context.Context, by *auth.Principal, slug string) error {
		_, err := h.Svc.AddMember(ctx, by, slug, MemberInput{Acronym: r.PostFormValue("acronym"),
			Name: r.PostFormValue("name"), Role: Role(r.PostFormValue("role"))})
		return err
	})
}

func (h *Web) removeMember(w http.ResponseWriter, r *http.Request) error {
	return h.withID(w, r, "#members", "flash.bodies_member_removed", h.Svc.RemoveMember)
}

func (h *Web) addChair(w http.ResponseWriter, r *http.Request) error {
	return h.act(w, r, "#chair", "flash.bodies_chair_added", func(ctx context.Context, by *auth.Principal, slug string) error {
		org, err := web.FormInt64(r, "org_id")
		if err != nil {
			return err
		}
		_, err = h.Svc.AddChair(ctx, by, slug, ChairInput{OrgID: org, Holder: r.PostFormValue("holder"),
			From: r.PostFormValue("from"), To: r.PostFormValue("to")})
		return err
	})
}

func (h *Web) endChair(w http.ResponseWriter, r *http.Request) error {
	return h.withID(w, r, "#chair", "flash.bodies_chair_ended", func(ctx context.Context, by *auth.Principal, slug string, id int64) error {
		_, err := h.Svc.EndChair(ctx, by, slug, id, r.PostFormValue("to"))
		return err
	})
}

func (h *Web) removeChair(w http.ResponseWriter, r *http.Request) error {
	return h.withID(w, r, "#chair", "flash.bodies_chair_removed", h.Svc.RemoveChair)
}

func (h *Web) addGroup(w http.ResponseWriter, r *http.Request) error {
	return h.act(w, r, "#groups", "flash.bodies_group_added", func(ctx context.Context, by *auth.Principal, slug string) error {
		_, err := h.Svc.AddGroup(ctx, by, slug, GroupInput{Name: r.PostFormValue("name"), Mandate: r.PostFormValue("mandate")})
		return err
	})
}

func (h *Web) removeGroup(w http.ResponseWriter, r *http.Request) error {
	return h.withID(w, r, "#groups", "flash.bodies_group_removed", h.Svc.RemoveGroup)
}

func (h *Web) addGroupMember(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	return h.act(w, r, groupAnchor(id), "flash.bodies_group_member_added", func(ctx context.Context, by *auth.Principal, slug string) error {
		org, err := web.FormInt64(r, "org_id")
		if err != nil {
			return err
		}
		_, err = h.Svc.AddGroupMember(ctx, by, slug, id, org)
		return err
	})
}

func (h *Web) removeGroupMember(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	org, err := web.PathID(r, "org")
	if err != nil {
		return err
	}
	return h.act(w, r, groupAnchor(id), "flash.bodies_group_member_removed", func(ctx context.Context, by *auth.Principal, slug string) error {
		return h.Svc.RemoveGroupMember(ctx, by, slug, id, org)
	})
}

func (h *Web) addMeeting(w http.ResponseWriter, r *http.Request) error {
	return h.act(w, r, "#meetings", "flash.bodies_meeting_added", func(ctx context.Context, by *auth.Principal, slug string) error {
		_, err := h.Svc.AddMeeting(ctx, by, slug, MeetingInput{Title: r.PostFormValue("title"), Date: r.PostFormValue("date"),
			Place: r.PostFormValue("place"), Agenda: r.PostFormValue("agenda")})
		return err
	})
}

func (h *Web) removeMeeting(w http.ResponseWriter, r *http.Request) error {
	return h.withID(w, r, "#meetings", "flash.bodies_meeting_removed", h.Svc.RemoveMeeting)
}

func (h *Web) removeDocument(w http.ResponseWriter, r *http.Request) error {
	return h.withID(w, r, "#meetings", "flash.bodies_document_removed", h.Svc.RemoveDocument)
}

// groupAnchor is where a working group's section starts on the page.
func groupAnchor(id int64) string { return "#group-" + strconv.FormatInt(id, 10) }
