package auth

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

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

// newTOTPKey generates a fresh TOTP secret for email.
func newTOTPKey(email string) (*otp.Key, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: "tipsom", AccountName: email, Period: totpPeriod})
	if err != nil {
		return nil, errs.Internal(err)
	}
	return key, nil
}

// NewEnrolment generates a fresh TOTP secret for email.
func NewEnrolment(email string) (*Enrolment, error) {
	key, err := newTOTPKey(email)
	if err != nil {
		return nil, err
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

// TOTPCode computes the code of secret at t; tests and tools use it.
func TOTPCode(secret string, t time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, t, totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
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
		if want, err := TOTPCode(secret, time.Unix(st*totpPeriod, 0)); err == nil && want == code {
			return st
		}
	}
	return 0
}

var codeEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

func normaliseCode(code string) string {
	return strings.ToLower(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(code)))
}

// hashCode is what the database keeps of a recovery code: the SHA-256 of
// its normal form, so dashes, spaces and case do not matter.
func hashCode(code string) string {
	sum := sha256.Sum256([]byte(normaliseCode(code)))
	return hex.EncodeToString(sum[:])
}

// isRecoveryCode reports whether code has the shape of a recovery code.
func isRecoveryCode(code string) bool { return len(normaliseCode(code)) == 10 }

// newRecoveryCodes makes a fresh set of recovery codes, as shown to the
// user: ten base32 letters and digits, in two groups of five.
func newRecoveryCodes() []string {
	codes := make([]string, recoveryCodeCount)
	for i := range codes {
		b := make([]byte, 7)
		rand.Read(b)
		raw := strings.ToLower(codeEncoding.EncodeToString(b))[:10]
		codes[i] = raw[:5] + "-" + raw[5:]
	}
	return codes
}
