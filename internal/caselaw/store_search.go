package caselaw

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/db"
)

// refRev is a case reference and its published revision.
type refRev struct {
	ref string
	rev int
}

// publishedRevs returns the published revision of each of refs that has
// one (inChunk refs at most).
func publishedRevs(ctx context.Context, tx *sql.Tx, refs []string) ([]refRev, error) {
	return db.List(ctx, tx, "published cases", func(row db.Scanner) (refRev, error) {
		var r refRev
		err := row.Scan(&r.ref, &r.rev)
		return r, err
	}, `SELECT ref, published_rev FROM caselaw_cases
		WHERE ref IN (`+db.Placeholders(len(refs), 0)+`) AND published_rev IS NOT NULL`, db.Args(refs)...)
}

// publishedBodies calls fn with the published revision of each of refs
// and its body (inChunk refs at most).
func publishedBodies(ctx context.Context, tx *sql.Tx, refs []string, fn func(ref string, rev int, body []byte) error) error {
	return db.Each(ctx, tx, "published cases", `SELECT c.ref, r.rev, r.body FROM caselaw_cases c
		JOIN caselaw_revisions r ON r.case_id = c.id AND r.rev = c.published_rev
		WHERE c.ref IN (`+db.Placeholders(len(refs), 0)+`)`, func(rows db.Scanner) error {
		var ref string
		var rev int
		var body []byte
		if err := rows.Scan(&ref, &rev, &body); err != nil {
			return err
		}
		return fn(ref, rev, body)
	}, db.Args(refs)...)
}
