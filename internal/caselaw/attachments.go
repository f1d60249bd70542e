package caselaw

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// MaxAttachment is the largest judgment file accepted: 25 MB.
const MaxAttachment = 25 << 20

// Attachment is a file of a case (the judgment as PDF), stored in the
// database with its digest and sniffed type.
type Attachment struct {
	ID          int64     `json:"id"`
	Rev         int       `json:"-"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	Searchable  bool      `json:"searchable"` // its text was extracted
	CreatedAt   time.Time `json:"created_at"`
	Data        []byte    `json:"-"`
}

// KB is the size in kilobytes, rounded up.
func (a Attachment) KB() int64 { return (a.Size + 1023) / 1024 }

// Attach adds a judgment file to case ref. The type is sniffed from the
// bytes, not taken from the upload; only PDF is accepted. Its text is
// extracted now and becomes searchable when the revision it joins is
// published: a file added to a published case starts a new revision.
func (s *Service) Attach(ctx context.Context, by *auth.Principal, ref, name string, data []byte) (*Attachment, error) {
	name = strings.TrimSpace(filepath.Base(strings.ReplaceAll(name, `\`, "/")))
	switch {
	case len(data) == 0:
		return nil, errs.Invalid().Field("file", "err.caselaw_file_required")
	case len(data) > MaxAttachment:
		return nil, errs.Invalid().Field("file", "err.caselaw_file_too_large", "Max", MaxAttachment>>20)
	case http.DetectContentType(data) != "application/pdf":
		return nil, errs.Invalid().Field("file", "err.caselaw_file_type")
	case name == "" || name == "." || utf8.RuneCountInString(name) > 200:
		name = "judgment.pdf"
	}
	text, _ := pdfText(data) // unreadable text leaves the file unsearchable, not refused
	sum := sha256.Sum256(data)
	a := &Attachment{Name: name, ContentType: "application/pdf", Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]),
		Searchable: strings.TrimSpace(text) != "", CreatedAt: db.Time(s.Now())}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		st, err := caseByRef(ctx, tx, ref)
		if err != nil {
			return err
		}
		if err := requireDrafter(by, st.Country); err != nil {
			return err
		}
		if a.Rev, err = s.openRevision(ctx, tx, by, st); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO caselaw_attachments (case_id, rev, name, content_type, size, sha256, data, text, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, st.ID, a.Rev, a.Name, a.ContentType, a.Size, a.SHA256,
			data, text, a.CreatedAt).Scan(&a.ID)
		if err != nil {
			return fmt.Errorf("store attachment of %s: %w", ref, err)
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "case.attach", EntityType: "case", EntityID: ref,
			After: a.SHA256, Detail: fmt.Sprintf("%s, %d bytes, revision %d", a.Name, a.Size, a.Rev)})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// openRevision returns the revision new material joins: the latest when it
// is still a draft, else a new revision copying the published one.
func (s *Service) openRevision(ctx context.Context, tx *sql.Tx, by *auth.Principal, st *stored) (int, error) {
	if st.LatestRev != st.PublishedRev {
		return st.LatestRev, nil
	}
	r, err := revisionOf(ctx, tx, st.ID, st.LatestRev)
	if err != nil {
		return 0, err
	}
	rev, now, actor := st.LatestRev+1, db.Time(s.Now()), by.AuditActor()
	var authorID any
	if actor.ID != 0 {
		authorID = actor.ID
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO caselaw_revisions (case_id, rev, body, findings, confirmed_by, author_id, author, note, created_at)
		SELECT case_id, $3, body, findings, confirmed_by, $4, $5, 'attachment', $6 FROM caselaw_revisions WHERE case_id = $1 AND rev = $2`,
		st.ID, r.Rev, rev, authorID, actor.Label, now)
	if err == nil {
		_, err = tx.ExecContext(ctx, `UPDATE caselaw_cases SET latest_rev = $2, updated_at = $3 WHERE id = $1`, st.ID, rev, now)
	}
	if err != nil {
		return 0, fmt.Errorf("open revision %d of %s: %w", rev, st.Ref, err)
	}
	st.LatestRev = rev
	return rev, nil
}

// File returns attachment id of case ref with its bytes, if by may see it:
// files of the published revision for everyone, all for those who see drafts.
func (s *Service) File(ctx context.Context, by *auth.Principal, ref string, id int64) (*Attachment, error) {
	var a *Attachment
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		st, err := caseByRef(ctx, tx, ref)
		if err != nil {
			return err
		}
		a = &Attachment{}
		err = tx.QueryRowContext(ctx, `SELECT id, rev, name, content_type, size, sha256, data, created_at
			FROM caselaw_attachments WHERE case_id = $1 AND id = $2`, st.ID, id).
			Scan(&a.ID, &a.Rev, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.Data, &a.CreatedAt)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && a.Rev > st.PublishedRev && !seesDrafts(by, st.Country)) {
			return errs.NotFound()
		}
		return err
	})
	return a, err
}

// attachmentsOf lists case id's files up to revision rev, without bytes.
func attachmentsOf(ctx context.Context, tx *sql.Tx, id int64, rev int) ([]Attachment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, rev, name, content_type, size, sha256, text <> '', created_at
		FROM caselaw_attachments WHERE case_id = $1 AND rev <= $2 ORDER BY id`, id, rev)
	if err != nil {
		return nil, fmt.Errorf("attachments of case %d: %w", id, err)
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.ID, &a.Rev, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.Searchable, &a.CreatedAt); err != nil {
			return nil, err
		}
		a.CreatedAt = a.CreatedAt.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// attachmentTexts returns, per case being published, the extracted text of
// its files up to the published revision. New cases have none.
func attachmentTexts(ctx context.Context, tx *sql.Tx, pubs []published) (map[int64][]string, error) {
	out := map[int64][]string{}
	for _, p := range pubs {
		if p.fresh {
			continue
		}
		rows, err := tx.QueryContext(ctx, `SELECT text FROM caselaw_attachments WHERE case_id = $1 AND rev <= $2 AND text <> ''
			ORDER BY id`, p.st.ID, p.rev)
		if err != nil {
			return nil, fmt.Errorf("attachment text of %s: %w", p.c.ID, err)
		}
		for rows.Next() {
			var t string
			if err := rows.Scan(&t); err != nil {
				rows.Close()
				return nil, err
			}
			out[p.st.ID] = append(out[p.st.ID], t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
