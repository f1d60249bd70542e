package auth

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// The statements on second factors: the TOTP columns of users (the secret
// and the last time step used) and recovery_codes (their hashes).

// storeTOTP makes secret userID's second factor, step its last step used.
func storeTOTP(ctx context.Context, tx *sql.Tx, userID int64, secret string, step int64, now time.Time) error {
	return db.Exec(ctx, tx, "store totp", `UPDATE users SET totp_secret = $1, totp_last_step = $2, updated_at = $3 WHERE id = $4`,
		secret, step, now, userID)
}

// setTOTPSecret gives userID the secret, leaving the rest of the account
// (the demo loader's way).
func setTOTPSecret(ctx context.Context, tx *sql.Tx, userID int64, secret string) error {
	return db.Exec(ctx, tx, "demo totp", `UPDATE users SET totp_secret = $1 WHERE id = $2`, secret, userID)
}

// advanceTOTPStep records step as userID's last one if it is later than
// the one recorded, reporting whether it was: of two requests with the
// same code, one moves the step.
func advanceTOTPStep(ctx context.Context, tx *sql.Tx, userID, step int64) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`, step, userID)
	if err != nil {
		return false, fmt.Errorf("record totp step: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// clearTOTP removes userID's second factor and ends their sessions.
func clearTOTP(ctx context.Context, tx *sql.Tx, userID int64, now time.Time) error {
	return db.Exec(ctx, tx, "reset totp", `UPDATE users SET totp_secret = NULL, totp_last_step = 0, session_epoch = session_epoch + 1, updated_at = $1 WHERE id = $2`,
		now, userID)
}

// demoTOTPSecret returns the TOTP secret of the account with email, and
// whether it is a demo account with one.
func demoTOTPSecret(ctx context.Context, tx *sql.Tx, email string) (string, bool, error) {
	var secret sql.NullString
	var demo bool
	err := tx.QueryRowContext(ctx, `SELECT totp_secret, demo FROM users WHERE email = $1`, email).Scan(&secret, &demo)
	return secret.String, demo && secret.Valid, err
}

func deleteRecoveryCodes(ctx context.Context, tx *sql.Tx, userID int64) error {
	return db.Exec(ctx, tx, "drop recovery codes", `DELETE FROM recovery_codes WHERE user_id = $1`, userID)
}

// replaceRecoveryCodes makes codes userID's only recovery codes.
func replaceRecoveryCodes(ctx context.Context, tx *sql.Tx, userID int64, codes []string) error {
	if err := deleteRecoveryCodes(ctx, tx, userID); err != nil {
		return err
	}
	for _, c := range codes {
		if err := db.Exec(ctx, tx, "store recovery code", `INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)`, userID, hashCode(c)); err != nil {
			return err
		}
	}
	return nil
}

// useRecoveryCode marks userID's unused code with hash used, reporting
// whether there was one: a code is used only once.
func useRecoveryCode(ctx context.Context, tx *sql.Tx, userID int64, hash string, now time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL`,
		now, userID, hash)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func unusedRecoveryCodes(ctx context.Context, tx *sql.Tx, userID int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`, userID).Scan(&n)
	return n, err
}
