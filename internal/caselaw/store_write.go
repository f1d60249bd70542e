package caselaw

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/tipsom/tipsom/internal/db"
)

// fileFindingsOf returns, per stored case, the identifier findings of its
// files: a new revision carries every file, so their findings too.
func fileFindingsOf(ctx context.Context, tx *sql.Tx, existing map[string]*stored) (map[int64][]Finding, error) {
	out := map[int64][]Finding{}
	err := db.InChunks(storedIDs(existing), inChunk, func(part []any) error {
		return db.Each(ctx, tx, "file findings", `SELECT case_id, findings FROM caselaw_attachments
			WHERE findings <> '[]' AND case_id IN (`+db.Placeholders(len(part), 0)+`) ORDER BY id`, func(rows db.Scanner) error {
			var id int64
			var raw string
			var fs []Finding
			if err := rows.Scan(&id, &raw); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(raw), &fs); err != nil {
				return fmt.Errorf("of case %d: %w", id, err)
			}
			out[id] = append(out[id], fs...)
			return nil
		}, part...)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// latestBodies returns the latest revision's body of each stored case.
func latestBodies(ctx context.Context, tx *sql.Tx, existing map[string]*stored) (map[int64]string, error) {
	out := map[int64]string{}
	err := db.InChunks(storedIDs(existing), inChunk, func(part []any) error {
		return db.Each(ctx, tx, "latest revisions", `SELECT r.case_id, r.body FROM caselaw_revisions r
			JOIN caselaw_cases c ON c.id = r.case_id AND c.latest_rev = r.rev
			WHERE c.id IN (`+db.Placeholders(len(part), 0)+`)`, func(rows db.Scanner) error {
			var id int64
			var body string
			if err := rows.Scan(&id, &body); err != nil {
				return err
			}
			out[id] = body
			return nil
		}, part...)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// setLatest records a new latest revision of case id: its country and
// title (which the drafters' lists show).
func setLatest(ctx context.Context, tx *sql.Tx, id int64, country, title string, rev int, now any) error {
	_, err := tx.ExecContext(ctx, `UPDATE caselaw_cases SET country = $2, latest_title = $3, latest_rev = $4, updated_at = $5
				WHERE id = $1`, id, country, title, rev, now)
	return err
}

// insertRevisions adds revisions in bulk: case id, rev, body, findings,
// author id, author, note, created at.
func insertRevisions(ctx context.Context, tx *sql.Tx, d db.Dialect, revs [][]any) error {
	_, err := db.InsertRows(ctx, tx, d, "caselaw_revisions", []string{"case_id bigint", "rev int", "body text", "findings text",
		"author_id bigint", "author text", "note text", "created_at timestamptz"}, revs, "")
	return err
}

// insertCases adds the new cases in bulk and gives every item its stored
// row. New cases published at once get their public fields here.
func insertCases(ctx context.Context, tx *sql.Tx, d db.Dialect, items []item, now any) error {
	var fresh []*item
	for i := range items {
		if items[i].old == nil {
			fresh = append(fresh, &items[i])
		} else {
			items[i].st = items[i].old
		}
	}
	cols := []string{"ref text", "country text", "latest_title text", "latest_rev int", "published_rev int", "decision_date date",
		"decision_year int", "created_at timestamptz", "updated_at timestamptz"}
	rows := make([][]any, len(fresh))
	for i, it := range fresh {
		var pub, date, year any
		if it.publish {
			pub, date, year = it.rev, it.c.DecisionDate, it.c.Date().Year()
		}
		rows[i] = []any{it.c.ID, it.c.Country, it.c.Title, it.rev, pub, date, year, now, now}
	}
	ids := make(map[string]int64, len(fresh))
	err := db.InsertReturning(ctx, tx, d, "caselaw_cases", cols, rows, " RETURNING id, ref", func(r db.Scanner) error {
		var id int64
		var ref string
		if err := r.Scan(&id, &ref); err != nil {
			return err
		}
		ids[ref] = id
		return nil
	})
	if err != nil {
		return fmt.Errorf("insert %d cases: %w", len(fresh), err)
	}
	for _, it := range fresh {
		it.st = &stored{ID: ids[it.c.ID], Ref: it.c.ID, Country: it.c.Country, LatestTitle: it.c.Title, LatestRev: it.rev}
	}
	return nil
}
