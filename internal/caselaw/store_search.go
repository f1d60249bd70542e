package caselaw

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tipsom/tipsom/internal/db"
)

// refRev is a case reference and its published revision.
type refRev struct {
	ref string
	rev int
}

// publishedRevs returns the published revision of each of refs that has
// one (a few hundred refs at most).
func publishedRevs(ctx context.Context, tx *sql.Tx, refs []string) ([]refRev, error) {
	rows, err := tx.QueryContext(ctx, `SELECT ref, published_rev FROM caselaw_cases
		WHERE ref IN (`+db.Placeholders(len(refs), 0)+`) AND published_rev IS NOT NULL`, anys(refs)...)
	if err != nil {
		return nil, fmt.Errorf("published cases: %w", err)
	}
	defer rows.Close()
	var out []refRev
	for rows.Next() {
		var r refRev
		if err := rows.Scan(&r.ref, &r.rev); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// publishedBodies calls fn with the published revision of each of refs
// and its body (a few hundred refs at most).
func publishedBodies(ctx context.Context, tx *sql.Tx, refs []string, fn func(ref string, rev int, body []byte) error) error {
	rows, err := tx.QueryContext(ctx, `SELECT c.ref, r.rev, r.body FROM caselaw_cases c
		JOIN caselaw_revisions r ON r.case_id = c.id AND r.rev = c.published_rev
		WHERE c.ref IN (`+db.Placeholders(len(refs), 0)+`)`, anys(refs)...)
	if err != nil {
		return fmt.Errorf("published cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ref string
		var rev int
		var body []byte
		if err := rows.Scan(&ref, &rev, &body); err != nil {
			return err
		}
		if err := fn(ref, rev, body); err != nil {
			return err
		}
	}
	return rows.Err()
}

// anys makes query arguments of strings.
func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
