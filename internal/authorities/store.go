package authorities

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// The languages and channels columns hold comma-separated codes; both
// vocabularies are closed and comma-free, so a join table would buy nothing.
func joinList(items []string) string { return strings.Join(items, ",") }

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

const selectAuthority = `SELECT id, iso3, function, name, contact_person, address, phone, email, website,
	languages, channels, notes, confirmed_on, confirmed_by, created_at, updated_at FROM authorities`

func scanAuthority(row db.Scanner) (Authority, error) {
	var a Authority
	var langs, chans string
	err := row.Scan(&a.ID, &a.Country, &a.Function, &a.Name, &a.ContactPerson, &a.Address, &a.Phone, &a.Email,
		&a.Website, &langs, &chans, &a.Notes, db.DateInto(&a.LastConfirmed), &a.ConfirmedBy, &a.CreatedAt, &a.UpdatedAt)
	if err != nil {
		return Authority{}, err
	}
	a.Languages, a.Channels = splitList(langs), splitList(chans)
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return a, nil
}

func insertAuthority(ctx context.Context, tx *sql.Tx, a *Authority) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO authorities (iso3, function, name, contact_person, address, phone,
		email, website, languages, channels, notes, confirmed_on, confirmed_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
		a.Country, a.Function, a.Name, a.ContactPerson, a.Address, a.Phone, a.Email, a.Website,
		joinList(a.Languages), joinList(a.Channels), a.Notes, db.DateArg(a.LastConfirmed), a.ConfirmedBy, a.CreatedAt).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store authority of %s: %w", a.Country, err)
	}
	return id, nil
}

// updateAuthority rewrites everything an editor may change; the country and
// the creation time stay.
func updateAuthority(ctx context.Context, tx *sql.Tx, a *Authority) error {
	_, err := tx.ExecContext(ctx, `UPDATE authorities SET function = $1, name = $2, contact_person = $3,
		address = $4, phone = $5, email = $6, website = $7, languages = $8, channels = $9, notes = $10,
		confirmed_on = $11, confirmed_by = $12, updated_at = $13 WHERE id = $14`,
		a.Function, a.Name, a.ContactPerson, a.Address, a.Phone, a.Email, a.Website, joinList(a.Languages),
		joinList(a.Channels), a.Notes, db.DateArg(a.LastConfirmed), a.ConfirmedBy, a.UpdatedAt, a.ID)
	if err != nil {
		return fmt.Errorf("update authority %d: %w", a.ID, err)
	}
	return nil
}

func confirmAuthority(ctx context.Context, tx *sql.Tx, id int64, day time.Time, by string, at time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE authorities SET confirmed_on = $1, confirmed_by = $2, updated_at = $3
		WHERE id = $4`, db.DateArg(day), by, at, id)
	if err != nil {
		return fmt.Errorf("confirm authority %d: %w", id, err)
	}
	return nil
}

func deleteAuthority(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM authorities WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete authority %d: %w", id, err)
	}
	return nil
}

func getAuthority(ctx context.Context, tx *sql.Tx, id int64) (*Authority, error) {
	return db.Ref(db.One(ctx, tx, fmt.Sprintf("get authority %d", id), scanAuthority, selectAuthority+` WHERE id = $1`, id))
}

// listAuthorities returns a country's entries by name; the page groups them
// by function in the vocabulary's order.
func listAuthorities(ctx context.Context, tx *sql.Tx, iso3 string) ([]Authority, error) {
	out, err := db.List(ctx, tx, "list authorities of "+iso3, scanAuthority, selectAuthority+` WHERE iso3 = $1 ORDER BY name, id`, iso3)
	if out == nil && err == nil {
		out = []Authority{}
	}
	return out, err
}

// Count is how many entries a country has, and how many of them are stale.
type Count struct {
	Entries int `json:"entries"`
	Stale   int `json:"stale"`
}

// countAuthorities counts entries per country; an entry is stale when it was
// never confirmed or confirmed before cutoff. iso3 "" counts every country.
func countAuthorities(ctx context.Context, tx *sql.Tx, cutoff time.Time, iso3 string) (map[string]Count, error) {
	out := map[string]Count{}
	err := db.Each(ctx, tx, "count authorities", `SELECT iso3, COUNT(*),
		COALESCE(SUM(CASE WHEN confirmed_on IS NULL OR confirmed_on < $1 THEN 1 ELSE 0 END), 0)
		FROM authorities WHERE $2 = '' OR iso3 = $2 GROUP BY iso3`, func(row db.Scanner) error {
		var c Count
		var country string
		err := row.Scan(&country, &c.Entries, &c.Stale)
		out[country] = c
		return err
	}, db.DateArg(cutoff), iso3)
	if err != nil {
		return nil, err
	}
	return out, nil
}
