package caselaw

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// instrumentKey finds the row id of instrument ref (0 when absent).
func instrumentKey(ctx context.Context, tx *sql.Tx, ref string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM caselaw_instruments WHERE ref = $1`, ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("instrument %s: %w", ref, err)
	}
	return id, nil
}

// storeInstrument writes in whole: its row, then its articles and
// amendments replaced. It returns the row id.
func storeInstrument(ctx context.Context, tx *sql.Tx, d db.Dialect, id int64, in *Instrument, now any) (int64, error) {
	var err error
	if id == 0 {
		err = tx.QueryRowContext(ctx, `INSERT INTO caselaw_instruments (ref, country, kind, title, year, language, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`, in.ID, in.Country, in.Kind, in.Title, in.Year, in.Language, now).Scan(&id)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE caselaw_instruments SET country = $2, kind = $3, title = $4, year = $5, language = $6,
			updated_at = $7 WHERE id = $1`, id, in.Country, in.Kind, in.Title, in.Year, in.Language, now)
	}
	if err != nil {
		return 0, fmt.Errorf("store instrument %s: %w", in.ID, err)
	}
	for _, table := range []string{"caselaw_articles", "caselaw_amendments"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE instrument_id = $1`, id); err != nil {
			return 0, fmt.Errorf("clear %s of %s: %w", table, in.ID, err)
		}
	}
	var arts, ams [][]any
	for i, a := range in.Articles {
		texts, _ := json.Marshal(a.Texts)
		arts = append(arts, []any{id, i, a.Number, a.Heading, string(texts), strings.Join(a.Implements, " ")})
	}
	for i, am := range in.Amendments {
		ams = append(ams, []any{id, i, am.Date, am.Description})
	}
	if _, err := db.InsertRows(ctx, tx, d, "caselaw_articles", []string{"instrument_id int", "position int", "number text", "heading text",
		"texts text", "implements text"}, arts, ""); err != nil {
		return 0, err
	}
	_, err = db.InsertRows(ctx, tx, d, "caselaw_amendments", []string{"instrument_id int", "position int", "amended_on date", "description text"}, ams, "")
	return id, err
}

// loadInstrument reads instrument ref whole, or not found.
func loadInstrument(ctx context.Context, tx *sql.Tx, ref string) (*Instrument, error) {
	in := &Instrument{Articles: []Article{}}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id, ref, country, kind, title, year, language FROM caselaw_instruments WHERE ref = $1`, ref).
		Scan(&id, &in.ID, &in.Country, &in.Kind, &in.Title, &in.Year, &in.Language)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("instrument %s: %w", ref, err)
	}
	err = db.Each(ctx, tx, "articles of "+ref, `SELECT number, heading, texts, implements FROM caselaw_articles
		WHERE instrument_id = $1 ORDER BY position`, func(rows db.Scanner) error {
		var a Article
		var texts, impl string
		if err := rows.Scan(&a.Number, &a.Heading, &texts, &impl); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(texts), &a.Texts); err != nil {
			return fmt.Errorf("article %s: %w", a.Number, err)
		}
		a.Implements = strings.Fields(impl)
		in.Articles = append(in.Articles, a)
		return nil
	}, id)
	if err != nil {
		return nil, err
	}
	err = db.Each(ctx, tx, "amendments of "+ref, `SELECT amended_on, description FROM caselaw_amendments WHERE instrument_id = $1 ORDER BY position`,
		func(rows db.Scanner) error {
			var am Amendment
			var d time.Time
			if err := rows.Scan(db.DateInto(&d), &am.Description); err != nil {
				return err
			}
			am.Date = db.FormatDate(d)
			in.Amendments = append(in.Amendments, am)
			return nil
		}, id)
	if err != nil {
		return nil, err
	}
	return in, nil
}

// instrumentsWhere lists instruments, of one country when iso3 is set.
func instrumentsWhere(ctx context.Context, tx *sql.Tx, iso3 string) ([]InstrumentSummary, error) {
	return db.List(ctx, tx, "instruments", func(row db.Scanner) (InstrumentSummary, error) {
		var s InstrumentSummary
		err := row.Scan(&s.ID, &s.Country, &s.Kind, &s.Title, &s.Year)
		return s, err
	}, `SELECT ref, country, kind, title, year FROM caselaw_instruments
		WHERE $1 = '' OR country = $1 ORDER BY country, year DESC, ref`, iso3)
}

// citingCases lists the articles of instrument ref cited by the charges of
// published revisions, with the citing case, by article then case.
func citingCases(ctx context.Context, tx *sql.Tx, ref string) ([]Citation, error) {
	return db.List(ctx, tx, "citations of "+ref, func(row db.Scanner) (Citation, error) {
		var c Citation
		err := row.Scan(&c.Article, &c.CaseID)
		return c, err
	}, `SELECT DISTINCT ch.article, c.ref FROM caselaw_charges ch
			JOIN caselaw_cases c ON c.id = ch.case_id WHERE ch.instrument = $1 AND c.published_rev IS NOT NULL
			ORDER BY ch.article, c.ref`, ref)
}

// instrumentHit reads instrument ref as a list of hits shows it; ok is
// false when it is not held (any more).
func instrumentHit(ctx context.Context, tx *sql.Tx, ref string) (lh LegislationHit, ok bool, err error) {
	err = tx.QueryRowContext(ctx, `SELECT ref, title, country, year FROM caselaw_instruments WHERE ref = $1`, ref).
		Scan(&lh.ID, &lh.Title, &lh.Country, &lh.Year)
	if errors.Is(err, sql.ErrNoRows) {
		return lh, false, nil
	}
	if err != nil {
		return lh, false, fmt.Errorf("instrument %s: %w", ref, err)
	}
	return lh, true, nil
}
