package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// credentials are the secrets of an account, read only where they are checked.
type credentials struct {
	UserID       int64
	PasswordHash string
	TOTPSecret   string
	TOTPLastStep int64
	SessionEpoch int64
	Disabled     bool
}

const selectUser = `SELECT u.id, u.email, u.name, COALESCE(u.country, ''), COALESCE(u.org_id, 0),
	COALESCE(o.short_name, ''), u.password_hash IS NOT NULL, u.totp_secret IS NOT NULL, u.disabled,
	u.demo, u.created_at, u.updated_at, u.last_login_at
	FROM users u LEFT JOIN organisations o ON o.id = u.org_id`

func scanUser(row db.Scanner) (*User, error) {
	var u User
	var last sql.NullTime
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Country, &u.OrgID, &u.Org, &u.HasPassword,
		&u.TOTPEnabled, &u.Disabled, &u.Demo, &u.CreatedAt, &u.UpdatedAt, &last)
	if err != nil {
		return nil, err
	}
	u.CreatedAt, u.UpdatedAt = u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	if last.Valid {
		t := last.Time.UTC()
		u.LastLoginAt = &t
	}
	return &u, nil
}

func getUser(ctx context.Context, tx *sql.Tx, where string, arg any) (*User, error) {
	u, err := scanUser(tx.QueryRowContext(ctx, selectUser+" WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("get user: %w", err)
	}
	u.Roles, err = userRoles(ctx, tx, u.ID)
	return u, err
}

func userByID(ctx context.Context, tx *sql.Tx, id int64) (*User, error) {
	return getUser(ctx, tx, "u.id = $1", id)
}

func userByEmail(ctx context.Context, tx *sql.Tx, email string) (*User, error) {
	return getUser(ctx, tx, "u.email = $1", strings.ToLower(strings.TrimSpace(email)))
}

func userRoles(ctx context.Context, tx *sql.Tx, id int64) ([]Role, error) {
	return db.List(ctx, tx, "user roles", func(row db.Scanner) (Role, error) {
		var r string
		err := row.Scan(&r)
		return Role(r), err
	}, `SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role`, id)
}

func listUsers(ctx context.Context, tx *sql.Tx, f UserFilter) ([]*User, error) {
	var w db.Where
	like := "%" + strings.ToLower(f.Query) + "%"
	w.When(f.Query != "", "(LOWER(u.email) LIKE ? OR LOWER(u.name) LIKE ?)", like, like)
	w.When(f.Role != "", "u.id IN (SELECT user_id FROM user_roles WHERE role = ?)", string(f.Role))
	w.When(f.OrgID != 0, "u.org_id = ?", f.OrgID)
	out, err := db.List(ctx, tx, "list users", scanUser, selectUser+w.SQL()+" ORDER BY u.email", w.Args()...)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*User, len(out))
	for _, u := range out {
		byID[u.ID] = u
	}
	err = db.Each(ctx, tx, "list users' roles", `SELECT user_id, role FROM user_roles ORDER BY user_id, role`, func(row db.Scanner) error {
		var id int64
		var r string
		if err := row.Scan(&id, &r); err != nil {
			return err
		}
		if u := byID[id]; u != nil {
			u.Roles = append(u.Roles, Role(r))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func insertUser(ctx context.Context, tx *sql.Tx, in UserInput, hash string, demo bool) (int64, error) {
	now := db.Now()
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO users (email, name, password_hash, country, org_id, disabled, demo, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
		in.Email, in.Name, db.Nullable(hash), db.Nullable(in.Country), db.Nullable(in.OrgID), in.Disabled, demo, now).Scan(&id)
	if db.IsUniqueViolation(err) {
		return 0, errs.Invalid().Field("email", "err.email_taken")
	}
	if err != nil {
		return 0, fmt.Errorf("insert user: %w", err)
	}
	return id, setRoles(ctx, tx, id, in.Roles)
}

func updateUser(ctx context.Context, tx *sql.Tx, id int64, in UserInput) error {
	_, err := tx.ExecContext(ctx, `UPDATE users SET email = $1, name = $2, country = $3, org_id = $4, disabled = $5, updated_at = $6 WHERE id = $7`,
		in.Email, in.Name, db.Nullable(in.Country), db.Nullable(in.OrgID), in.Disabled, db.Now(), id)
	if db.IsUniqueViolation(err) {
		return errs.Invalid().Field("email", "err.email_taken")
	}
	if err != nil {
		return fmt.Errorf("update user %d: %w", id, err)
	}
	return setRoles(ctx, tx, id, in.Roles)
}

func setRoles(ctx context.Context, tx *sql.Tx, id int64, roles []Role) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM user_roles WHERE user_id = $1`, id); err != nil {
		return fmt.Errorf("clear roles: %w", err)
	}
	for _, r := range roles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, id, string(r)); err != nil {
			return fmt.Errorf("add role %s: %w", r, err)
		}
	}
	return nil
}

func getCredentials(ctx context.Context, tx *sql.Tx, id int64) (*credentials, error) {
	c := credentials{UserID: id}
	var hash, secret sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT password_hash, totp_secret, totp_last_step, session_epoch, disabled FROM users WHERE id = $1`, id).
		Scan(&hash, &secret, &c.TOTPLastStep, &c.SessionEpoch, &c.Disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("get credentials: %w", err)
	}
	c.PasswordHash, c.TOTPSecret = hash.String, secret.String
	return &c, nil
}

// endSessions moves id's session epoch on: every session holding the old
// one ends.
func endSessions(ctx context.Context, tx *sql.Tx, id int64) error {
	return db.Exec(ctx, tx, "end sessions", `UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1`, id)
}

// setPasswordHash stores hash as id's password and ends their sessions,
// returning the new session epoch (not found: no such account).
func setPasswordHash(ctx context.Context, tx *sql.Tx, id int64, hash string, now time.Time) (int64, error) {
	var epoch int64
	err := tx.QueryRowContext(ctx, `UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1, updated_at = $2 WHERE id = $3
		RETURNING session_epoch`, hash, now, id).Scan(&epoch)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errs.NotFound()
	}
	if err != nil {
		return 0, fmt.Errorf("set password: %w", err)
	}
	return epoch, nil
}

func recordLogin(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	return db.Exec(ctx, tx, "record login", `UPDATE users SET last_login_at = $1 WHERE id = $2`, now, id)
}

// accountByEmail returns the account with email and its credentials.
func accountByEmail(ctx context.Context, tx *sql.Tx, email string) (*User, *credentials, error) {
	u, err := userByEmail(ctx, tx, email)
	if err != nil {
		return nil, nil, err
	}
	c, err := getCredentials(ctx, tx, u.ID)
	return u, c, err
}

const selectOrg = `SELECT o.id, o.short_name, o.name, COALESCE(o.country, ''), o.demo, o.created_at, o.updated_at,
	(SELECT COUNT(*) FROM users u WHERE u.org_id = o.id) FROM organisations o`

func scanOrg(row db.Scanner) (*Organisation, error) {
	var o Organisation
	err := row.Scan(&o.ID, &o.ShortName, &o.Name, &o.Country, &o.Demo, &o.CreatedAt, &o.UpdatedAt, &o.Members)
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	return &o, err
}

func getOrg(ctx context.Context, tx *sql.Tx, where string, arg any) (*Organisation, error) {
	return db.One(ctx, tx, "get organisation", scanOrg, selectOrg+" WHERE "+where, arg)
}

func orgByID(ctx context.Context, tx *sql.Tx, id int64) (*Organisation, error) {
	return getOrg(ctx, tx, "o.id = $1", id)
}

func orgByShortName(ctx context.Context, tx *sql.Tx, short string) (*Organisation, error) {
	return getOrg(ctx, tx, "o.short_name = $1", short)
}

func listOrgs(ctx context.Context, tx *sql.Tx) ([]*Organisation, error) {
	return db.List(ctx, tx, "list organisations", scanOrg, selectOrg+" ORDER BY o.short_name")
}

func insertOrg(ctx context.Context, tx *sql.Tx, in OrgInput, demo bool) (int64, error) {
	now := db.Now()
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO organisations (short_name, name, country, demo, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, in.ShortName, in.Name, db.Nullable(in.Country), demo, now).Scan(&id)
	if db.IsUniqueViolation(err) {
		return 0, errs.Invalid().Field("short_name", "err.org_taken")
	}
	if err != nil {
		return 0, fmt.Errorf("insert organisation: %w", err)
	}
	return id, nil
}

func updateOrg(ctx context.Context, tx *sql.Tx, id int64, in OrgInput) error {
	_, err := tx.ExecContext(ctx, `UPDATE organisations SET short_name = $1, name = $2, country = $3, updated_at = $4 WHERE id = $5`,
		in.ShortName, in.Name, db.Nullable(in.Country), db.Now(), id)
	if db.IsUniqueViolation(err) {
		return errs.Invalid().Field("short_name", "err.org_taken")
	}
	if err != nil {
		return fmt.Errorf("update organisation %d: %w", id, err)
	}
	return nil
}
