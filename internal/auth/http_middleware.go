package auth

import (
	"net/http"
	"strings"

	"github.com/alexedwards/scs/v2"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// Session keys.
const (
	sessUserID     = "uid"
	sessEpoch      = "epoch"
	sessMFA        = "mfa"
	sessPendingID  = "pending_uid"
	sessStage      = "stage" // "totp" or "enrol" while a second factor is owed
	sessEnrolKey   = "enrol_secret"
	sessNext       = "next"
	sessOIDCState  = "oidc_state"
	sessOIDCNonce  = "oidc_nonce"
	sessOIDCVerify = "oidc_verifier"
)

// Identify finds who is making the request — an API token in the
// Authorization header, else the session — and puts the principal in the
// context. A bad token is refused outright rather than treated as anonymous,
// so a script learns at once that its token no longer works.
func Identify(svc *Service, sm *scs.SessionManager, ui *web.UI, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if h := r.Header.Get("Authorization"); h != "" {
			// Whoever sends the header is a script, not a browser: it is
			// refused with problem+json, never redirected to the sign-in
			// page (which it would follow with the same header, round and
			// round).
			refuse := func(err error) {
				r.Header.Set("Accept", "application/problem+json")
				ui.Error(w, r, err)
			}
			raw, ok := strings.CutPrefix(h, "Bearer ")
			if !ok {
				refuse(errs.Unauthorised().WithKey("err.token_invalid"))
				return
			}
			p, err := svc.TokenPrincipal(ctx, strings.TrimSpace(raw))
			if err != nil {
				refuse(err)
				return
			}
			next.ServeHTTP(w, r.WithContext(WithPrincipal(ctx, p)))
			return
		}
		uid := sm.GetInt64(ctx, sessUserID)
		if uid == 0 {
			next.ServeHTTP(w, r)
			return
		}
		p, needsMFA, err := svc.SessionPrincipal(ctx, uid, sm.GetInt64(ctx, sessEpoch), sm.GetBool(ctx, sessMFA))
		if err != nil {
			ui.Error(w, r, err)
			return
		}
		if p == nil {
			sm.Remove(ctx, sessUserID)
			sm.Remove(ctx, sessMFA)
			if needsMFA {
				// The user's roles now require a second factor this session
				// never presented: ask for it as at sign-in.
				sm.Put(ctx, sessPendingID, uid)
				sm.Put(ctx, sessStage, "totp")
			}
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r.WithContext(WithPrincipal(ctx, p)))
	})
}

// ViewerOf returns the request's principal for the layout, or nil.
func ViewerOf(r *http.Request) web.Viewer {
	if p := FromContext(r.Context()); p != nil {
		return p
	}
	return nil
}
