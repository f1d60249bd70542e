package caselaw

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
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
	"github.com/tipsom/tipsom/internal/intake"
)

// MaxAttachment is the largest judgment file accepted: 25 MB.
const MaxAttachment = 25 << 20

// JudgmentLimits bound a judgment file: its size, and the reader that
// extracts its text for search and the identifier check (a process of its
// own, held to its memory and time). A file whose text cannot be read
// within them is refused: its text could not be checked.
var JudgmentLimits = intake.Limits{Bytes: MaxAttachment, Text: 8 << 20, Memory: 256 << 20, Time: 15 * time.Second}

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
	Findings    []Finding `json:"-"` // the identifier check's, in its text
}

// KB is the size in kilobytes, rounded up.
func (a Attachment) KB() int64 { return (a.Size + 1023) / 1024 }

// MayDraft reports whether by may add to case ref now: not found when by
// cannot see the case at all, forbidden when it is another country's. An
// upload is refused on it before its file is read.
func (s *Service) MayDraft(ctx context.Context, by *auth.Principal, ref string) error {
	return s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		st, err := caseByRef(ctx, tx, ref)
		if err != nil {
			return err
		}
		if st.PublishedRev == 0 && !seesDrafts(by, st.Country) {
			return errs.NotFound()
		}
		return requireDrafter(by, st.Country)
	})
}

// Attach adds a judgment file to case ref. The type is sniffed from the
// bytes, not taken from the upload; only PDF is accepted. Its text is
// extracted now, within JudgmentLimits, and goes through the identifier
// check like the case's own texts: what it finds joins the revision's
// findings and holds back publication. The text becomes searchable when
// the revision it joins is published; a file added to a published case
// starts a new revision.
func (s *Service) Attach(ctx context.Context, by *auth.Principal, ref, name string, data []byte) (*Attachment, error) {
	if err := s.MayDraft(ctx, by, ref); err != nil {
		return nil, err
	}
	name = strings.TrimSpace(filepath.Base(strings.ReplaceAll(name, `\`, "/")))
	switch {
	case len(data) == 0:
		return nil, errs.Invalid().Field("file", "err.caselaw_file_required")
	case len(data) > MaxAttachment:
		return nil, JudgmentLimits.CheckBytes("file", int64(len(data)))
	case http.DetectContentType(data) != "application/pdf":
		return nil, errs.Invalid().Field("file", "err.caselaw_file_type")
	case name == "" || name == "." || utf8.RuneCountInString(name) > 200:
		name = "judgment.pdf"
	}
	text, err := intake.PDFText(ctx, "file", data, JudgmentLimits)
	if errors.Is(err, intake.ErrNoText) {
		text, err = "", nil // a scan: kept, but not searchable by its words
	}
	if err != nil {
		return nil, err
	}
	text = strings.ToValidUTF8(text, " ")
	sum := sha256.Sum256(data)
	a := &Attachment{Name: name, ContentType: "application/pdf", Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]),
		Searchable: strings.TrimSpace(text) != "", CreatedAt: db.Time(s.Now())}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
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
		r, c, err := revisionCase(ctx, tx, st, a.Rev)
		if err != nil {
			return err
		}
		a.Findings = c.fileFindings(a.Name, text)
		findings, _ := json.Marshal(nonNil(a.Findings))
		err = tx.QueryRowContext(ctx, `INSERT INTO caselaw_attachments (case_id, rev, name, content_type, size, sha256, data, text, findings, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`, st.ID, a.Rev, a.Name, a.ContentType, a.Size, a.SHA256,
			data, text, string(findings), a.CreatedAt).Scan(&a.ID)
		if err != nil {
			return fmt.Errorf("store attachment of %s: %w", ref, err)
		}
		if len(a.Findings) > 0 {
			if err := setFindings(ctx, tx, st.ID, a.Rev, append(r.Findings, a.Findings...)); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "case.attach", EntityType: "case", EntityID: ref,
			After: a.SHA256, Detail: fmt.Sprintf("%s, %d bytes, revision %d, %d identifier findings", a.Name, a.Size, a.Rev, len(a.Findings))})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// RemoveFile takes a file off the draft it was added to (a redacted copy
// can then replace it); files of a published revision stay. The draft's
// findings are checked again without it. Drafters of the case's country.
func (s *Service) RemoveFile(ctx context.Context, by *auth.Principal, ref string, id int64) error {
	if err := s.MayDraft(ctx, by, ref); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		st, err := caseByRef(ctx, tx, ref)
		if err != nil {
			return err
		}
		if err := requireDrafter(by, st.Country); err != nil {
			return err
		}
		var rev int
		var name string
		err = tx.QueryRowContext(ctx, `SELECT rev, name FROM caselaw_attachments WHERE case_id = $1 AND id = $2`, st.ID, id).Scan(&rev, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.NotFound()
		}
		if err != nil {
			return fmt.Errorf("file %d of %s: %w", id, ref, err)
		}
		if rev <= st.PublishedRev {
			return errs.Conflict("err.caselaw_file_published")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM caselaw_attachments WHERE case_id = $1 AND id = $2`, st.ID, id); err != nil {
			return fmt.Errorf("remove file %d of %s: %w", id, ref, err)
		}
		// Every draft revision since the file was added carried it.
		for r := rev; r <= st.LatestRev; r++ {
			_, c, err := revisionCase(ctx, tx, st, r)
			if err != nil {
				return err
			}
			found, err := fileFindingsUpTo(ctx, tx, st.ID, r)
			if err != nil {
				return err
			}
			if err := setFindings(ctx, tx, st.ID, r, append(c.Identifiers(), found...)); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "case.remove_file", EntityType: "case", EntityID: ref,
			Detail: fmt.Sprintf("%s (file %d), revision %d", name, id, rev)})
	})
}

// revisionCase reads revision rev of a stored case with its case.
func revisionCase(ctx context.Context, tx *sql.Tx, st *stored, rev int) (*revision, *Case, error) {
	r, err := revisionOf(ctx, tx, st.ID, rev)
	if err != nil {
		return nil, nil, err
	}
	var c Case
	if err := json.Unmarshal([]byte(r.Body), &c); err != nil {
		return nil, nil, fmt.Errorf("case %s revision %d: %w", st.Ref, rev, err)
	}
	return r, &c, nil
}

// fileFindings runs the identifier check over a file's text, with the
// victims' names of the case it belongs to.
func (c *Case) fileFindings(name, text string) []Finding {
	return scan("files."+name, text, c.victimNames())
}

// fileFindingsUpTo returns the findings of case id's files up to revision
// rev: they belong to every later revision's findings too.
func fileFindingsUpTo(ctx context.Context, tx *sql.Tx, id int64, rev int) ([]Finding, error) {
	rows, err := tx.QueryContext(ctx, `SELECT findings FROM caselaw_attachments WHERE case_id = $1 AND rev <= $2 AND findings <> '[]'
		ORDER BY id`, id, rev)
	if err != nil {
		return nil, fmt.Errorf("file findings of case %d: %w", id, err)
	}
	defer rows.Close()
	var out []Finding
	for rows.Next() {
		var raw string
		var fs []Finding
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(raw), &fs); err != nil {
			return nil, fmt.Errorf("file findings of case %d: %w", id, err)
		}
		out = append(out, fs...)
	}
	return out, rows.Err()
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

// nonNil keeps an empty list "[]" in JSON, as the columns expect.
func nonNil(fs []Finding) []Finding {
	if fs == nil {
		return []Finding{}
	}
	return fs
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
