package auth

import (
	"net/http"
	"strconv"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// Web holds the sign-in, account and admin pages and the account API.
type Web struct {
	Svc      *Service
	Sessions *scs.SessionManager
	UI       *web.UI
	DB       *db.DB // unused: the audit log viewer reads through Svc (app still sets it)
	SSO      *SSO   // nil when single sign-on is not configured
}

// Register adds the pages' templates to the UI and their routes to rt.
func (h *Web) Register(rt *web.Router) error {
	if err := h.UI.AddPages("auth", templates, "templates/*.html", "templates/partials/*.html"); err != nil {
		return err
	}
	pub, in, admin := Public(), SignedIn(), Roles(RoleAdmin)
	small := web.BodyLimit(16 << 10)
	rt.Handle("GET /login", pub, h.loginForm)
	rt.Handle("POST /login", pub, h.login, small)
	rt.Handle("GET /login/2fa", pub, h.secondFactorForm)
	rt.Handle("POST /login/2fa", pub, h.secondFactor, small)
	rt.Handle("GET /login/enrol", pub, h.enrolForm)
	rt.Handle("POST /login/enrol", pub, h.enrol, small)
	rt.Handle("GET /login/sso", pub, h.ssoStart)
	rt.Handle("GET /login/sso/callback", pub, h.ssoCallback)
	rt.Handle("POST /logout", pub, h.logout, small)

	rt.Handle("GET /account", in, h.account)
	rt.Handle("POST /account/password", in, h.changePassword, small)
	rt.Handle("POST /account/sign-out-everywhere", in, h.signOutEverywhere, small)
	rt.Handle("GET /account/security", in, h.security)
	rt.Handle("POST /account/security/begin", in, h.securityBegin, small)
	rt.Handle("POST /account/security/confirm", in, h.securityConfirm, small)
	rt.Handle("POST /account/security/recovery-codes", in, h.recoveryCodes, small)
	rt.Handle("POST /account/tokens", in, h.createToken, small)
	rt.Handle("POST /account/tokens/{id}/revoke", in, h.revokeToken, small)

	rt.Handle("GET /admin", admin, h.adminHome)
	rt.Handle("GET /admin/users", admin, h.adminUsers)
	rt.Handle("GET /admin/users/new", admin, h.adminNewUser)
	rt.Handle("POST /admin/users", admin, h.adminCreateUser, small)
	rt.Handle("GET /admin/users/{id}", admin, h.adminUser)
	rt.Handle("POST /admin/users/{id}", admin, h.adminUpdateUser, small)
	rt.Handle("POST /admin/users/{id}/password", admin, h.adminSetPassword, small)
	rt.Handle("POST /admin/users/{id}/reset-2fa", admin, h.adminResetTOTP, small)
	rt.Handle("GET /admin/orgs", admin, h.adminOrgs)
	rt.Handle("POST /admin/orgs", admin, h.adminCreateOrg, small)
	rt.Handle("GET /admin/orgs/{id}", admin, h.adminOrg)
	rt.Handle("POST /admin/orgs/{id}", admin, h.adminUpdateOrg, small)
	rt.Handle("GET /admin/audit", admin, h.adminAudit)

	h.registerAPI(rt)
	h.registerReset(rt)
	return nil
}

// addr is the client address the throttle counts against (web.Observe
// found it, believing X-Forwarded-For only from trusted proxies).
func (h *Web) addr(r *http.Request) string { return web.ClientAddr(r) }

// safeNext keeps a post-sign-in destination on this site (web.SafeNext),
// else sends the user to their account page.
func safeNext(next string) string { return web.SafeNext(next, "/home") }

// retryAfter tells a refused client when to come back: after the lock when
// an account, address or second factor is locked (at most LockWindow), in
// a moment when every password-hashing slot is busy.
func retryAfter(w http.ResponseWriter, e *errs.Error) {
	switch e.Key {
	case "err.login_throttled":
		w.Header().Set("Retry-After", strconv.Itoa(int(LockWindow/time.Second)))
	case "err.busy":
		w.Header().Set("Retry-After", "1")
	}
}

type loginData struct {
	Next string
	SSO  bool
}

func (h *Web) loginForm(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if FromContext(ctx) != nil {
		return web.Redirect(w, r, safeNext(r.URL.Query().Get("next")), "")
	}
	if h.Sessions.GetInt64(ctx, sessPendingID) != 0 {
		return web.Redirect(w, r, h.stagePath(r), "")
	}
	return h.UI.Show(w, r, "auth/login", "login.title", loginData{Next: r.URL.Query().Get("next"), SSO: h.SSO != nil})
}

func (h *Web) stagePath(r *http.Request) string {
	if h.Sessions.GetString(r.Context(), sessStage) == "enrol" {
		return "/login/enrol"
	}
	return "/login/2fa"
}

func (h *Web) login(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	next := r.PostFormValue("next")
	u, err := h.Svc.Login(ctx, r.PostFormValue("email"), r.PostFormValue("password"), h.addr(r))
	if err != nil {
		e := errs.As(err)
		if e.Kind == errs.KindInternal {
			return err
		}
		retryAfter(w, e)
		p := h.UI.NewPage(w, r, "login.title", loginData{Next: next, SSO: h.SSO != nil})
		p.Form = web.NewForm(r.PostForm)
		p.Form.Values.Del("password")
		p.Form.Err, p.Status = e, web.Status(e.Kind)
		return h.UI.Render(w, r, "auth/login", p)
	}
	return h.afterFirstFactor(w, r, u, next)
}

// afterFirstFactor moves a user who proved their password (or came back from
// single sign-on) on to the second factor they owe, or signs them in.
func (h *Web) afterFirstFactor(w http.ResponseWriter, r *http.Request, u *User, next string) error {
	ctx := r.Context()
	if err := h.Sessions.RenewToken(ctx); err != nil {
		return errs.Internal(err)
	}
	h.Sessions.Put(ctx, sessNext, safeNext(next))
	switch {
	case u.TOTPEnabled:
		h.Sessions.Put(ctx, sessPendingID, u.ID)
		h.Sessions.Put(ctx, sessStage, "totp")
		return web.Redirect(w, r, "/login/2fa", "")
	case u.NeedsSecondFactor():
		h.Sessions.Put(ctx, sessPendingID, u.ID)
		h.Sessions.Put(ctx, sessStage, "enrol")
		return web.Redirect(w, r, "/login/enrol", "")
	}
	return h.finishLogin(w, r, u.ID, "password", false)
}

func (h *Web) finishLogin(w http.ResponseWriter, r *http.Request, userID int64, method string, mfa bool) error {
	next, err := h.signIn(r, userID, method, mfa)
	if err != nil {
		return err
	}
	return web.Redirect(w, r, next, "flash.signed_in")
}

// signIn turns the session into a signed-in one (with a new token, against
// fixation) and returns where the user was heading.
func (h *Web) signIn(r *http.Request, userID int64, method string, mfa bool) (string, error) {
	ctx := r.Context()
	_, epoch, err := h.Svc.CompleteLogin(ctx, userID, method, mfa)
	if err != nil {
		return "", err
	}
	if err := h.Sessions.RenewToken(ctx); err != nil {
		return "", errs.Internal(err)
	}
	next := safeNext(h.Sessions.PopString(ctx, sessNext))
	for _, k := range []string{sessPendingID, sessStage, sessEnrolKey} {
		h.Sessions.Remove(ctx, k)
	}
	h.Sessions.Put(ctx, sessUserID, userID)
	h.Sessions.Put(ctx, sessEpoch, epoch)
	h.Sessions.Put(ctx, sessMFA, mfa)
	h.signedIn(r, userID)
	return next, nil
}

func (h *Web) pending(r *http.Request, stage string) int64 {
	ctx := r.Context()
	if h.Sessions.GetString(ctx, sessStage) != stage {
		return 0
	}
	return h.Sessions.GetInt64(ctx, sessPendingID)
}

func (h *Web) secondFactorForm(w http.ResponseWriter, r *http.Request) error {
	if h.pending(r, "totp") == 0 {
		return web.Redirect(w, r, "/login", "")
	}
	return h.UI.Show(w, r, "auth/second-factor", "login.second_factor_title", nil)
}

func (h *Web) secondFactor(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	uid := h.pending(r, "totp")
	if uid == 0 {
		return web.Redirect(w, r, "/login", "")
	}
	if err := h.Svc.VerifySecondFactor(r.Context(), uid, r.PostFormValue("code"), h.addr(r)); err != nil {
		retryAfter(w, errs.As(err))
		return h.UI.FormError(w, r, "auth/second-factor", "login.second_factor_title", nil, err)
	}
	return h.finishLogin(w, r, uid, "password+totp", true)
}

type enrolData struct {
	Enrolment *Enrolment
	Codes     []string
	Next      string
}

func (h *Web) enrolment(r *http.Request, email string) (*Enrolment, error) {
	ctx := r.Context()
	if secret := h.Sessions.GetString(ctx, sessEnrolKey); secret != "" {
		return EnrolmentFor(secret, email)
	}
	e, err := NewEnrolment(email)
	if err != nil {
		return nil, err
	}
	h.Sessions.Put(ctx, sessEnrolKey, e.Secret)
	return e, nil
}

func (h *Web) pendingUser(r *http.Request, stage string) (*User, error) {
	uid := h.pending(r, stage)
	if uid == 0 {
		return nil, nil
	}
	return h.Svc.GetUser(r.Context(), System("login"), uid)
}

func (h *Web) enrolForm(w http.ResponseWriter, r *http.Request) error {
	u, err := h.pendingUser(r, "enrol")
	if err != nil || u == nil {
		return web.Redirect(w, r, "/login", "")
	}
	e, err := h.enrolment(r, u.Email)
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "auth/enrol", "enrol.title", enrolData{Enrolment: e})
}

func (h *Web) enrol(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	u, err := h.pendingUser(r, "enrol")
	if err != nil || u == nil {
		return web.Redirect(w, r, "/login", "")
	}
	ctx := r.Context()
	e, err := h.enrolment(r, u.Email)
	if err != nil {
		return err
	}
	codes, err := h.Svc.ConfirmEnrolment(ctx, u.ID, e.Secret, r.PostFormValue("code"))
	if err != nil {
		return h.UI.FormError(w, r, "auth/enrol", "enrol.title", enrolData{Enrolment: e}, err)
	}
	next, err := h.signIn(r, u.ID, "password+totp-enrol", true)
	if err != nil {
		return err
	}
	return h.UI.Show(w, r, "auth/recovery-codes", "recovery.title", enrolData{Codes: codes, Next: next})
}

func (h *Web) logout(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if p := FromContext(ctx); p != nil && p.Method == "session" {
		if err := h.Svc.RecordLogout(ctx, p); err != nil {
			return err
		}
	}
	if err := h.Sessions.Destroy(ctx); err != nil {
		return errs.Internal(err)
	}
	return web.Redirect(w, r, "/", "flash.signed_out")
}
