package auth

import (
	"net/http"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// registerReset adds the forgotten-password pages: ask for a link, then
// choose a new password with it.
func (h *Web) registerReset(rt *web.Router) {
	pub, small := Public(), web.BodyLimit(16<<10)
	rt.Handle("GET /login/forgot", pub, h.forgotForm)
	rt.Handle("POST /login/forgot", pub, h.forgot, small)
	rt.Handle("GET /login/reset", pub, h.resetForm)
	rt.Handle("POST /login/reset", pub, h.reset, small)
}

// signedIn tells the notifier of a completed sign-in.
func (h *Web) signedIn(r *http.Request, userID int64) {
	if h.Svc.Notices != nil {
		h.Svc.Notices.SignedIn(r.Context(), userID, h.addr(r), web.LangOf(r).Code)
	}
}

func (h *Web) forgotForm(w http.ResponseWriter, r *http.Request) error {
	return h.UI.Show(w, r, "auth/forgot", "reset.title", nil)
}

// forgot answers the same whether or not the address has an account.
func (h *Web) forgot(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	err := h.Svc.RequestPasswordReset(r.Context(), r.PostFormValue("email"), h.addr(r), web.LangOf(r).Code)
	if err != nil {
		return h.UI.FormError(w, r, "auth/forgot", "reset.title", nil, err)
	}
	return web.Redirect(w, r, "/login", "flash.reset_sent")
}

type resetData struct {
	Token string
	Valid bool
}

func (h *Web) resetForm(w http.ResponseWriter, r *http.Request) error {
	token := r.URL.Query().Get("token")
	d := resetData{Token: token, Valid: token != "" && h.Svc.CheckResetToken(r.Context(), token) == nil}
	p := h.UI.NewPage(w, r, "reset.choose_title", d)
	if !d.Valid {
		p.Status = http.StatusNotFound
	}
	return h.UI.Render(w, r, "auth/reset", p)
}

// reset sets the new password, then goes on as after a password at
// sign-in: to the second factor where the account has or needs one.
func (h *Web) reset(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	token := r.PostFormValue("token")
	u, err := h.Svc.ResetPassword(r.Context(), token, r.PostFormValue("password"))
	if err != nil {
		e := errs.As(err)
		d := resetData{Token: token, Valid: e.Key != "err.reset_link_invalid"}
		return h.UI.FormError(w, r, "auth/reset", "reset.choose_title", d, err)
	}
	return h.afterFirstFactor(w, r, u, "")
}
