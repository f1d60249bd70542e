package auth

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

type accountData struct {
	User          *User
	Tokens        []*Token
	NewToken      string // shown once, right after creation
	Created       *Token // the token just created, to say what it carries
	Scopes        []TokenScope
	TokenTTLDays  int // the default lifetime, for the form's hint
	TokenMaxDays  int
	SecondFactor  bool // this session passed one, so its tokens carry one
	CodesLeft     int
	Enrolment     *Enrolment // a second factor being set up
	RecoveryCodes []string   // shown once
}

func (h *Web) accountData(r *http.Request) (*accountData, error) {
	ctx := r.Context()
	p := FromContext(ctx)
	u, err := h.Svc.GetUser(ctx, p, p.UserID)
	if err != nil {
		return nil, err
	}
	toks, err := h.Svc.ListTokens(ctx, p)
	if err != nil {
		return nil, err
	}
	left, err := h.Svc.RecoveryCodesLeft(ctx, p)
	if err != nil {
		return nil, err
	}
	def, most := h.Svc.tokenTTLs()
	return &accountData{User: u, Tokens: toks, CodesLeft: left, Scopes: TokenScopes, SecondFactor: p.MFA,
		TokenTTLDays: int(def / (24 * time.Hour)), TokenMaxDays: int(most / (24 * time.Hour))}, nil
}

func (h *Web) account(w http.ResponseWriter, r *http.Request) error {
	d, err := h.accountData(r)
	return h.UI.ShowRead(w, r, "auth/account", "account.title", d, err)
}

func (h *Web) accountError(w http.ResponseWriter, r *http.Request, page, title string, err error) error {
	d, derr := h.accountData(r)
	if derr != nil {
		return derr
	}
	return h.UI.FormError(w, r, page, title, d, err)
}

func (h *Web) changePassword(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	e := errs.Invalid()
	if r.PostFormValue("new_password") != r.PostFormValue("confirm_password") {
		e.Field("confirm_password", "err.password_mismatch")
	}
	if err := e.OrNil(); err != nil {
		return h.accountError(w, r, "auth/account", "account.title", err)
	}
	epoch, err := h.Svc.ChangePassword(ctx, FromContext(ctx), r.PostFormValue("current_password"), r.PostFormValue("new_password"))
	if err != nil {
		return h.accountError(w, r, "auth/account", "account.title", err)
	}
	// Every other session ended with the old epoch; this one carries on.
	if err := h.Sessions.RenewToken(ctx); err != nil {
		return errs.Internal(err)
	}
	h.Sessions.Put(ctx, sessEpoch, epoch)
	return web.Redirect(w, r, "/account", "flash.password_changed")
}

func (h *Web) signOutEverywhere(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := h.Svc.SignOutEverywhere(ctx, FromContext(ctx)); err != nil {
		return err
	}
	if err := h.Sessions.Destroy(ctx); err != nil {
		return errs.Internal(err)
	}
	return web.Redirect(w, r, "/login", "flash.signed_out_everywhere")
}

func (h *Web) security(w http.ResponseWriter, r *http.Request) error {
	d, err := h.accountData(r)
	if err != nil {
		return err
	}
	if secret := h.Sessions.GetString(r.Context(), sessEnrolKey); secret != "" {
		if d.Enrolment, err = EnrolmentFor(secret, d.User.Email); err != nil {
			return err
		}
	}
	return h.UI.Show(w, r, "auth/security", "security.title", d)
}

// securityBegin starts setting up (or replacing) the caller's second factor
// once they confirm their password; the secret waits in the session until a
// code confirms the authenticator holds it.
func (h *Web) securityBegin(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	p := FromContext(ctx)
	if err := h.Svc.CheckOwnPassword(ctx, p, r.PostFormValue("password")); err != nil {
		return h.accountError(w, r, "auth/security", "security.title", err)
	}
	e, err := NewEnrolment(p.Email)
	if err != nil {
		return err
	}
	h.Sessions.Put(ctx, sessEnrolKey, e.Secret)
	return web.Redirect(w, r, "/account/security", "")
}

func (h *Web) securityConfirm(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	p := FromContext(ctx)
	secret := h.Sessions.GetString(ctx, sessEnrolKey)
	if secret == "" {
		return web.Redirect(w, r, "/account/security", "")
	}
	codes, err := h.Svc.ConfirmEnrolment(ctx, p.UserID, secret, r.PostFormValue("code"))
	if err != nil {
		d, derr := h.accountData(r)
		if derr != nil {
			return derr
		}
		if d.Enrolment, derr = EnrolmentFor(secret, p.Email); derr != nil {
			return derr
		}
		return h.UI.FormError(w, r, "auth/security", "security.title", d, err)
	}
	h.Sessions.Remove(ctx, sessEnrolKey)
	h.Sessions.Put(ctx, sessMFA, true)
	return h.showCodes(w, r, codes)
}

func (h *Web) showCodes(w http.ResponseWriter, r *http.Request, codes []string) error {
	return h.UI.Show(w, r, "auth/recovery-codes", "recovery.title", enrolData{Codes: codes, Next: "/account/security"})
}

func (h *Web) recoveryCodes(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	codes, err := h.Svc.RegenerateRecoveryCodes(ctx, FromContext(ctx), r.PostFormValue("password"))
	if err != nil {
		return h.accountError(w, r, "auth/security", "security.title", err)
	}
	return h.showCodes(w, r, codes)
}

func (h *Web) createToken(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	in := TokenInput{Label: r.PostFormValue("label"), Scope: TokenScope(r.PostFormValue("scope"))}
	if v := strings.TrimSpace(r.PostFormValue("expires_in_days")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return h.accountError(w, r, "auth/account", "account.title", errs.Invalid().Field("expires_in_days", "err.number_invalid"))
		}
		in.ExpiresInDays = n
	}
	raw, t, err := h.Svc.CreateTokenWith(ctx, FromContext(ctx), in)
	if err != nil {
		return h.accountError(w, r, "auth/account", "account.title", err)
	}
	d, err := h.accountData(r)
	if err != nil {
		return err
	}
	d.NewToken, d.Created = raw, t
	p := h.UI.NewPage(w, r, "account.title", d)
	p.Flash = "flash.token_created"
	w.Header().Set("Cache-Control", "no-store")
	return h.UI.Render(w, r, "auth/account", p)
}

func (h *Web) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx := r.Context()
	if err := h.Svc.RevokeToken(ctx, FromContext(ctx), id); err != nil {
		return err
	}
	return web.Redirect(w, r, "/account#tokens", "flash.token_revoked")
}
