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
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
)

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
		if err := insertAttachment(ctx, tx, st.ID, a, data, text); err != nil {
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
		rev, name, err := attachmentRev(ctx, tx, st.ID, id)
		if err != nil {
			return err
		}
		if rev <= st.PublishedRev {
			return errs.Conflict("err.caselaw_file_published")
		}
		if err := deleteAttachment(ctx, tx, st.ID, id); err != nil {
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
	if err := copyRevision(ctx, tx, st.ID, r.Rev, rev, db.Nullable(actor.ID), actor.Label, now); err != nil {
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
		a, err = attachmentFile(ctx, tx, st.ID, id)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && a.Rev > st.PublishedRev && !seesDrafts(by, st.Country)) {
			return errs.NotFound()
		}
		return err
	})
	return a, err
}
