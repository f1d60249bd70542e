package auth

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// SSOConfig configures OpenID Connect single sign-on.
type SSOConfig struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURL  string // BASE/login/sso/callback
}

// SSO signs users in through an OpenID Connect provider. Accounts are not
// created on the fly: the provider's verified email must match an existing
// account, which keeps roles and scope in the admins' hands.
type SSO struct {
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// NewSSO discovers the provider's endpoints.
func NewSSO(ctx context.Context, c SSOConfig) (*SSO, error) {
	p, err := oidc.NewProvider(ctx, c.Issuer)
	if err != nil {
		return nil, fmt.Errorf("oidc discovery at %s: %w", c.Issuer, err)
	}
	return &SSO{
		oauth: oauth2.Config{ClientID: c.ClientID, ClientSecret: c.ClientSecret, Endpoint: p.Endpoint(),
			RedirectURL: c.RedirectURL, Scopes: []string{oidc.ScopeOpenID, "email", "profile"}},
		verifier: p.Verifier(&oidc.Config{ClientID: c.ClientID}),
	}, nil
}

func randomString() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func (h *Web) ssoStart(w http.ResponseWriter, r *http.Request) error {
	if h.SSO == nil {
		return errs.NotFound()
	}
	ctx := r.Context()
	state, nonce, verifier := randomString(), randomString(), oauth2.GenerateVerifier()
	h.Sessions.Put(ctx, sessOIDCState, state)
	h.Sessions.Put(ctx, sessOIDCNonce, nonce)
	h.Sessions.Put(ctx, sessOIDCVerify, verifier)
	h.Sessions.Put(ctx, sessNext, safeNext(r.URL.Query().Get("next")))
	http.Redirect(w, r, h.SSO.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), http.StatusFound)
	return nil
}

func (h *Web) ssoCallback(w http.ResponseWriter, r *http.Request) error {
	if h.SSO == nil {
		return errs.NotFound()
	}
	ctx := r.Context()
	state := h.Sessions.PopString(ctx, sessOIDCState)
	nonce := h.Sessions.PopString(ctx, sessOIDCNonce)
	verifier := h.Sessions.PopString(ctx, sessOIDCVerify)
	q := r.URL.Query()
	if state == "" || q.Get("state") != state || q.Get("code") == "" {
		return h.ssoRefused(w, r, errs.Unauthorised().WithKey("err.sso_failed"))
	}
	email, err := h.SSO.verifiedEmail(ctx, q.Get("code"), verifier, nonce)
	if err != nil {
		return h.ssoRefused(w, r, err)
	}
	u, err := h.Svc.UserForSSO(ctx, email)
	if err != nil {
		return h.ssoRefused(w, r, err)
	}
	return h.afterFirstFactor(w, r, u, h.Sessions.GetString(ctx, sessNext))
}

// ssoRefused shows the sign-in page with why single sign-on did not work.
func (h *Web) ssoRefused(w http.ResponseWriter, r *http.Request, err error) error {
	e := errs.As(err)
	if e.Kind != errs.KindUnauthorised {
		return err
	}
	p := h.UI.NewPage(w, r, "login.title", loginData{SSO: true})
	p.Form = web.NewForm(nil)
	p.Form.Err, p.Status = e, http.StatusUnauthorized
	return h.UI.Render(w, r, "auth/login", p)
}

// verifiedEmail exchanges the code and returns the ID token's email, if the
// provider says it is verified.
func (s *SSO) verifiedEmail(ctx context.Context, code, verifier, nonce string) (string, error) {
	fail := errs.Unauthorised().WithKey("err.sso_failed")
	tok, err := s.oauth.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		fail.Err = err
		return "", fail
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return "", fail
	}
	idt, err := s.verifier.Verify(ctx, raw)
	if err != nil || idt.Nonce != nonce {
		fail.Err = err
		return "", fail
	}
	var claims struct {
		Email    string `json:"email"`
		Verified bool   `json:"email_verified"`
	}
	if err := idt.Claims(&claims); err != nil || claims.Email == "" || !claims.Verified {
		return "", errs.Unauthorised().WithKey("err.sso_unverified")
	}
	return strings.ToLower(claims.Email), nil
}
