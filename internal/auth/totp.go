package auth

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"image/png"
	"strconv"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

const (
	totpPeriod        = 30
	recoveryCodeCount = 10
)

// Enrolment is a TOTP secret offered to a user, not yet confirmed.
type Enrolment struct {
	Secret  string // base32, for typing into an authenticator
	URL     string // otpauth:// URL
	QRCode  string // data: URL of a PNG QR code of URL
	Account string
}

// NewEnrolment generates a fresh TOTP secret for email.
func NewEnrolment(email string) (*Enrolment, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: "tipsom", AccountName: email, Period: totpPeriod})
	if err != nil {
		return nil, errs.Internal(err)
	}
	return enrolmentFor(key, email)
}

// EnrolmentFor rebuilds the enrolment of an existing secret (a session keeps
// only the secret between the offer and the confirmation).
func EnrolmentFor(secret, email string) (*Enrolment, error) {
	key, err := otp.NewKeyFromURL("otpauth://totp/tipsom:" + email + "?secret=" + secret + "&issuer=tipsom&period=30")
	if err != nil {
		return nil, errs.Internal(err)
	}
	return enrolmentFor(key, email)
}

func enrolmentFor(key *otp.Key, email string) (*Enrolment, error) {
	img, err := key.Image(200, 200)
	if err != nil {
		return nil, errs.Internal(err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, errs.Internal(err)
	}
	return &Enrolment{Secret: key.Secret(), URL: key.URL(), Account: email,
		QRCode: "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())}, nil
}

// matchStep returns the time step (within one step of now) whose code is
// code and which is later than last, or 0. Refusing steps at or before the
// last one used stops a code from being replayed.
func matchStep(secret, code string, now time.Time, last int64) int64 {
	code = strings.TrimSpace(code)
	if len(code) != 6 {
		return 0
	}
	step := now.Unix() / totpPeriod
	for _, st := range []int64{step - 1, step, step + 1} {
		if st <= last {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(st*totpPeriod, 0), totp.ValidateOpts{
			Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err == nil && want == code {
			return st
		}
	}
	return 0
}

// ConfirmEnrolment stores secret as the user's second factor once code shows
// the authenticator holds it, replacing any earlier secret, and returns new
// recovery codes (shown once).
func (s *Service) ConfirmEnrolment(ctx context.Context, userID int64, secret, code string) ([]string, error) {
	step := matchStep(secret, code, s.now(), 0)
	if step == 0 {
		return nil, errs.Invalid().Field("code", "err.totp_wrong")
	}
	var codes []string
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		u, err := userByID(ctx, tx, userID)
		if err != nil {
			return err
		}
		err = db.Exec(ctx, tx, "store totp", `UPDATE users SET totp_secret = $1, totp_last_step = $2, updated_at = $3 WHERE id = $4`,
			secret, step, s.now(), userID)
		if err != nil {
			return err
		}
		if codes, err = replaceRecoveryCodes(ctx, tx, userID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Actor{ID: u.ID, Label: u.Email}, audit.Change{Action: "user.totp_enrol",
			EntityType: "user", EntityID: strconv.FormatInt(userID, 10)})
	})
	return codes, err
}

// VerifySecondFactor checks a TOTP code or a recovery code for userID.
// Attempts count towards the user's second-factor lock and the address's
// like passwords do (reserved before the check). A code is consumed by one
// conditional update — the step only moves forward, a recovery code is
// used only once — so the same code sent twice at once is accepted once.
func (s *Service) VerifySecondFactor(ctx context.Context, userID int64, code, addr string) error {
	now := s.now()
	key := totpKey(userID)
	if err := s.reserve(ctx, key, addrKey(addr)); err != nil {
		return err
	}
	var ok bool
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := getCredentials(ctx, tx, userID)
		if err != nil {
			return err
		}
		if c.Disabled || c.TOTPSecret == "" {
			return nil
		}
		if step := matchStep(c.TOTPSecret, code, now, c.TOTPLastStep); step != 0 {
			res, err := tx.ExecContext(ctx, `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`, step, userID)
			if err != nil {
				return fmt.Errorf("record totp step: %w", err)
			}
			n, err := res.RowsAffected()
			ok = n == 1
			return err
		}
		used, err := useRecoveryCode(ctx, tx, userID, code, now)
		if err != nil || !used {
			return err
		}
		ok = true
		return audit.Record(ctx, tx, audit.Actor{ID: userID, Label: "user:" + strconv.FormatInt(userID, 10)}, audit.Change{
			Action: "user.recovery_code_used", EntityType: "user", EntityID: strconv.FormatInt(userID, 10)})
	})
	if err != nil {
		return err
	}
	if !ok {
		if err := s.fail(ctx, key, addrKey(addr)); errs.Is(err, errs.KindInternal) {
			return err
		}
		return errs.Invalid().Field("code", "err.totp_wrong")
	}
	return s.succeed(ctx, key, addrKey(addr))
}

// ResetSecondFactor removes a user's TOTP secret and recovery codes (a lost
// phone), ends their sessions and revokes their API tokens; the user enrols
// again at the next sign-in. Admins only.
func (s *Service) ResetSecondFactor(ctx context.Context, by *Principal, userID int64) (err error) {
	defer func() { s.tell(ctx, err, userID, "second_factor_reset") }()
	if err := Require(by, RoleAdmin); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := userByID(ctx, tx, userID); err != nil {
			return err
		}
		err := db.Exec(ctx, tx, "reset totp", `UPDATE users SET totp_secret = NULL, totp_last_step = 0, session_epoch = session_epoch + 1, updated_at = $1 WHERE id = $2`,
			s.now(), userID)
		if err != nil {
			return err
		}
		if err := db.Exec(ctx, tx, "drop recovery codes", `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
			return err
		}
		// A lost authenticator may be in someone else's hands, with the
		// tokens minted in its sessions.
		if err := s.revokeAllTokens(ctx, tx, by, userID, "second factor reset"); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "user.totp_reset",
			EntityType: "user", EntityID: strconv.FormatInt(userID, 10), Detail: "second factor removed; sessions ended, API tokens revoked"})
	})
}

// RegenerateRecoveryCodes replaces the caller's recovery codes after
// checking their password.
func (s *Service) RegenerateRecoveryCodes(ctx context.Context, by *Principal, password string) ([]string, error) {
	if by == nil || by.UserID == 0 {
		return nil, errs.Unauthorised()
	}
	var c *credentials
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		c, err = getCredentials(ctx, tx, by.UserID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if c.TOTPSecret == "" {
		return nil, errs.Conflict("err.totp_not_enrolled")
	}
	if err := s.CheckOwnPassword(ctx, by, password); err != nil {
		return nil, err
	}
	var codes []string
	err = s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if codes, err = replaceRecoveryCodes(ctx, tx, by.UserID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "user.recovery_codes_regenerate",
			EntityType: "user", EntityID: strconv.FormatInt(by.UserID, 10)})
	})
	return codes, err
}

// CheckOwnPassword reports (as a field error) whether password is the
// caller's, before sensitive steps such as resetting their own second factor.
func (s *Service) CheckOwnPassword(ctx context.Context, by *Principal, password string) error {
	if by == nil || by.UserID == 0 {
		return errs.Unauthorised()
	}
	var c *credentials
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		c, err = getCredentials(ctx, tx, by.UserID)
		return err
	})
	if err != nil {
		return err
	}
	if c.PasswordHash == "" {
		return nil
	}
	ok, err := s.Hashes.Check(ctx, c.PasswordHash, password)
	if err != nil {
		return err
	}
	if !ok {
		return errs.Invalid().Field("password", "err.password_wrong")
	}
	return nil
}

// RecoveryCodesLeft counts the caller's unused recovery codes.
func (s *Service) RecoveryCodesLeft(ctx context.Context, by *Principal) (int, error) {
	var n int
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`, by.UserID).Scan(&n)
	})
	return n, err
}

var codeEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

func normaliseCode(code string) string {
	return strings.ToLower(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(code)))
}

func hashCode(code string) string {
	sum := sha256.Sum256([]byte(normaliseCode(code)))
	return hex.EncodeToString(sum[:])
}

func replaceRecoveryCodes(ctx context.Context, tx *sql.Tx, userID int64) ([]string, error) {
	if err := db.Exec(ctx, tx, "drop recovery codes", `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
		return nil, err
	}
	codes := make([]string, recoveryCodeCount)
	for i := range codes {
		b := make([]byte, 7)
		rand.Read(b)
		raw := strings.ToLower(codeEncoding.EncodeToString(b))[:10]
		codes[i] = raw[:5] + "-" + raw[5:]
		if err := db.Exec(ctx, tx, "store recovery code", `INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)`, userID, hashCode(raw)); err != nil {
			return nil, err
		}
	}
	return codes, nil
}

func useRecoveryCode(ctx context.Context, tx *sql.Tx, userID int64, code string, now time.Time) (bool, error) {
	if len(normaliseCode(code)) != 10 {
		return false, nil
	}
	res, err := tx.ExecContext(ctx, `UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL`,
		now, userID, hashCode(code))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
