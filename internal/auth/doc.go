// Package auth holds identity and access for tipsom: users, organisations,
// roles and their scope, passwords, sessions, TOTP second factors, API
// tokens, single sign-on, login throttling, and the one authorisation check
// that every route and every service method goes through.
package auth
