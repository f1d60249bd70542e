package treaty

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// seedInstrument writes in at position pos when it is missing or differs
// from the stored row, reporting whether it wrote anything.
func seedInstrument(ctx context.Context, tx *sql.Tx, in Instrument, pos int) (bool, error) {
	var chapter string
	var supplements sql.NullString
	var adopted, inForce time.Time
	var position int
	err := tx.QueryRowContext(ctx, `SELECT chapter, supplements, adopted, in_force, position
		FROM treaty_instruments WHERE id = $1`, in.ID).
		Scan(&chapter, &supplements, db.DateInto(&adopted), db.DateInto(&inForce), &position)
	var sup any
	if in.Supplements != "" {
		sup = in.Supplements
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.ExecContext(ctx, `INSERT INTO treaty_instruments (id, chapter, supplements, adopted, in_force, position)
			VALUES ($1, $2, $3, $4, $5, $6)`, in.ID, in.Chapter, sup, db.DateArg(in.Adopted), db.DateArg(in.InForce), pos)
	case err != nil:
	case chapter == in.Chapter && supplements.String == in.Supplements && adopted.Equal(in.Adopted) &&
		inForce.Equal(in.InForce) && position == pos:
		return false, nil
	default:
		_, err = tx.ExecContext(ctx, `UPDATE treaty_instruments SET chapter = $2, supplements = $3, adopted = $4,
			in_force = $5, position = $6 WHERE id = $1`, in.ID, in.Chapter, sup, db.DateArg(in.Adopted), db.DateArg(in.InForce), pos)
	}
	if err != nil {
		return false, fmt.Errorf("seed instrument %s: %w", in.ID, err)
	}
	return true, nil
}

const selectAction = `SELECT instrument_id, participant, iso3, un_name, signature, consent, consent_kind, reservations
	FROM treaty_actions`

func scanAction(row db.Scanner) (Action, error) {
	var a Action
	var iso3 sql.NullString
	var kind string
	if err := row.Scan(&a.Instrument, &a.Participant, &iso3, &a.UNName, db.DateInto(&a.Signature),
		db.DateInto(&a.Consent), &kind, &a.Reservations); err != nil {
		return Action{}, err
	}
	a.ISO3, a.Kind = iso3.String, Kind(kind)
	return a, nil
}

// actionsOf returns every stored action on instrument.
func actionsOf(ctx context.Context, tx *sql.Tx, instrument string) ([]Action, error) {
	return db.List(ctx, tx, "actions on "+instrument, scanAction, selectAction+` WHERE instrument_id = $1 ORDER BY participant`, instrument)
}

// actionsOfCountry returns a State's actions on every instrument.
func actionsOfCountry(ctx context.Context, tx *sql.Tx, iso3 string) ([]Action, error) {
	return db.List(ctx, tx, "actions of "+iso3, scanAction, selectAction+` WHERE iso3 = $1 ORDER BY instrument_id`, iso3)
}

// partiesAsAt returns the participants bound by instrument on asOf: those
// whose consent to be bound is dated on or before it.
func partiesAsAt(ctx context.Context, tx *sql.Tx, instrument string, asOf time.Time) ([]Action, error) {
	return db.List(ctx, tx, "parties to "+instrument+" as at "+db.FormatDate(asOf), scanAction,
		selectAction+` WHERE instrument_id = $1 AND consent IS NOT NULL AND consent <= $2
		ORDER BY consent, participant`, instrument, db.DateArg(asOf))
}

// countsAsAt counts, per instrument, the parties and the signatories as at asOf.
func countsAsAt(ctx context.Context, tx *sql.Tx, asOf time.Time) (map[string]Count, error) {
	out := map[string]Count{}
	err := db.Each(ctx, tx, "count parties as at "+db.FormatDate(asOf), `SELECT instrument_id,
		SUM(CASE WHEN consent <= $1 THEN 1 ELSE 0 END),
		SUM(CASE WHEN consent <= $1 AND iso3 IS NOT NULL THEN 1 ELSE 0 END),
		SUM(CASE WHEN signature <= $1 AND (consent IS NULL OR consent > $1) THEN 1 ELSE 0 END)
		FROM treaty_actions GROUP BY instrument_id`, func(row db.Scanner) error {
		var id string
		var c Count
		if err := row.Scan(&id, &c.Parties, &c.States, &c.Signatories); err != nil {
			return err
		}
		out[id] = c
		return nil
	}, db.DateArg(asOf))
	if err != nil {
		return nil, err
	}
	return out, nil
}

// consentDates returns, per instrument, every consent date stored, for the
// parties-over-time series.
func consentDates(ctx context.Context, tx *sql.Tx) (map[string][]time.Time, error) {
	out := map[string][]time.Time{}
	err := db.Each(ctx, tx, "consent dates", `SELECT instrument_id, consent FROM treaty_actions WHERE consent IS NOT NULL ORDER BY consent`, func(row db.Scanner) error {
		var id string
		var t time.Time
		if err := row.Scan(&id, db.DateInto(&t)); err != nil {
			return err
		}
		out[id] = append(out[id], t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// actionArgs are a's columns in the order insertAction and updateAction
// number them.
func actionArgs(a Action) []any {
	return []any{a.Instrument, a.Participant, db.Nullable(a.ISO3), a.UNName, db.DateArg(a.Signature), db.DateArg(a.Consent),
		string(a.Kind), a.Reservations, db.Now()}
}

func insertAction(ctx context.Context, tx *sql.Tx, a Action) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO treaty_actions (instrument_id, participant, iso3, un_name, signature,
		consent, consent_kind, reservations, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		actionArgs(a)...)
	if err != nil {
		return fmt.Errorf("add %s to %s: %w", a.Participant, a.Instrument, err)
	}
	return nil
}

func updateAction(ctx context.Context, tx *sql.Tx, a Action) error {
	_, err := tx.ExecContext(ctx, `UPDATE treaty_actions SET iso3 = $3, un_name = $4, signature = $5, consent = $6,
		consent_kind = $7, reservations = $8, updated_at = $9 WHERE instrument_id = $1 AND participant = $2`,
		actionArgs(a)...)
	if err != nil {
		return fmt.Errorf("update %s on %s: %w", a.Participant, a.Instrument, err)
	}
	return nil
}

func deleteAction(ctx context.Context, tx *sql.Tx, a Action) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM treaty_actions WHERE instrument_id = $1 AND participant = $2`,
		a.Instrument, a.Participant)
	if err != nil {
		return fmt.Errorf("remove %s from %s: %w", a.Participant, a.Instrument, err)
	}
	return nil
}
