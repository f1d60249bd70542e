package caselaw

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// insertAttachment stores a's row with its bytes, extracted text and
// findings, and gives a its id.
func insertAttachment(ctx context.Context, tx *sql.Tx, caseID int64, a *Attachment, data []byte, text string) error {
	findings, _ := json.Marshal(nonNil(a.Findings))
	return tx.QueryRowContext(ctx, `INSERT INTO caselaw_attachments (case_id, rev, name, content_type, size, sha256, data, text, findings, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`, caseID, a.Rev, a.Name, a.ContentType, a.Size, a.SHA256,
		data, text, string(findings), a.CreatedAt).Scan(&a.ID)
}

// attachmentRev returns the revision file id of case caseID was added to,
// and its name; not found when the case has no such file.
func attachmentRev(ctx context.Context, tx *sql.Tx, caseID, id int64) (rev int, name string, err error) {
	err = tx.QueryRowContext(ctx, `SELECT rev, name FROM caselaw_attachments WHERE case_id = $1 AND id = $2`, caseID, id).Scan(&rev, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", errs.NotFound()
	}
	if err != nil {
		return 0, "", fmt.Errorf("file %d of case %d: %w", id, caseID, err)
	}
	return rev, name, nil
}

// deleteAttachment removes file id of case caseID.
func deleteAttachment(ctx context.Context, tx *sql.Tx, caseID, id int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM caselaw_attachments WHERE case_id = $1 AND id = $2`, caseID, id)
	return err
}

// attachmentFile reads file id of case caseID with its bytes
// (sql.ErrNoRows when there is none).
func attachmentFile(ctx context.Context, tx *sql.Tx, caseID, id int64) (*Attachment, error) {
	a := &Attachment{}
	err := tx.QueryRowContext(ctx, `SELECT id, rev, name, content_type, size, sha256, data, created_at
			FROM caselaw_attachments WHERE case_id = $1 AND id = $2`, caseID, id).
		Scan(&a.ID, &a.Rev, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.Data, &a.CreatedAt)
	return a, err
}

// copyRevision writes revision rev of case caseID as a copy of revision
// from (body, findings and confirmation) by author, and makes it the
// case's latest.
func copyRevision(ctx context.Context, tx *sql.Tx, caseID int64, from, rev int, authorID any, author string, now any) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO caselaw_revisions (case_id, rev, body, findings, confirmed_by, author_id, author, note, created_at)
		SELECT case_id, $3, body, findings, confirmed_by, $4, $5, 'attachment', $6 FROM caselaw_revisions WHERE case_id = $1 AND rev = $2`,
		caseID, from, rev, authorID, author, now)
	if err == nil {
		_, err = tx.ExecContext(ctx, `UPDATE caselaw_cases SET latest_rev = $2, updated_at = $3 WHERE id = $1`, caseID, rev, now)
	}
	return err
}

// fileFindingsUpTo returns the findings of case id's files up to revision
// rev: they belong to every later revision's findings too.
func fileFindingsUpTo(ctx context.Context, tx *sql.Tx, id int64, rev int) ([]Finding, error) {
	var out []Finding
	err := db.Each(ctx, tx, fmt.Sprintf("file findings of case %d", id), `SELECT findings FROM caselaw_attachments WHERE case_id = $1 AND rev <= $2 AND findings <> '[]'
		ORDER BY id`, func(rows db.Scanner) error {
		var raw string
		var fs []Finding
		if err := rows.Scan(&raw); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(raw), &fs); err != nil {
			return err
		}
		out = append(out, fs...)
		return nil
	}, id, rev)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// setFindings replaces revision rev's findings; a change of findings needs
// a new look, so any earlier confirmation is dropped.
func setFindings(ctx context.Context, tx *sql.Tx, id int64, rev int, fs []Finding) error {
	b, _ := json.Marshal(nonNil(fs))
	_, err := tx.ExecContext(ctx, `UPDATE caselaw_revisions SET findings = $3, confirmed_by = NULL WHERE case_id = $1 AND rev = $2`,
		id, rev, string(b))
	if err != nil {
		return fmt.Errorf("findings of case %d revision %d: %w", id, rev, err)
	}
	return nil
}

// attachmentsOf lists case id's files up to revision rev, without bytes.
func attachmentsOf(ctx context.Context, tx *sql.Tx, id int64, rev int) ([]Attachment, error) {
	return db.List(ctx, tx, fmt.Sprintf("attachments of case %d", id), func(row db.Scanner) (Attachment, error) {
		var a Attachment
		if err := row.Scan(&a.ID, &a.Rev, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.Searchable, &a.CreatedAt); err != nil {
			return a, err
		}
		a.CreatedAt = a.CreatedAt.UTC()
		return a, nil
	}, `SELECT id, rev, name, content_type, size, sha256, text <> '', created_at
		FROM caselaw_attachments WHERE case_id = $1 AND rev <= $2 ORDER BY id`, id, rev)
}

// attachmentTexts returns, per case being published, the extracted text of
// its files up to the published revision. New cases have none.
func attachmentTexts(ctx context.Context, tx *sql.Tx, pubs []published) (map[int64][]string, error) {
	out := map[int64][]string{}
	for _, p := range pubs {
		if p.fresh {
			continue
		}
		err := db.Each(ctx, tx, "attachment text of "+p.c.ID, `SELECT text FROM caselaw_attachments WHERE case_id = $1 AND rev <= $2 AND text <> ''
			ORDER BY id`, func(rows db.Scanner) error {
			var t string
			if err := rows.Scan(&t); err != nil {
				return err
			}
			out[p.st.ID] = append(out[p.st.ID], t)
			return nil
		}, p.st.ID, p.rev)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
