package report

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// mayBuild is the service's own check on who builds and publishes:
// analysts and admins, whatever route they came by.
func mayBuild(by *auth.Principal) error { return auth.Require(by, auth.Analysts...) }

// BuildDraft builds an edition — with its PDF when the spec asks and the
// server can print — and stores it as a draft for analysts to preview,
// replacing a draft of the same name. A published edition is never
// replaced. The build and its audit entry are one transaction.
func (s *Service) BuildDraft(ctx context.Context, by *auth.Principal, spec Spec) (*EditionInfo, error) {
	if err := mayBuild(by); err != nil {
		return nil, err
	}
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	if spec.PDF && s.Printer.Check() != nil {
		return nil, errs.Invalid().Field("pdf", "err.report_no_chromium")
	}
	e, err := s.Build(ctx, spec)
	if err != nil {
		return nil, err
	}
	if spec.PDF {
		if err := s.printInto(ctx, e); err != nil {
			return nil, err
		}
	}
	return s.storeDraft(ctx, by, e)
}

// printInto prints the edition's PDFs through a temporary folder.
func (s *Service) printInto(ctx context.Context, e *Edition) error {
	dir, err := os.MkdirTemp("", "tipsom-edition-")
	if err != nil {
		return fmt.Errorf("print edition: %w", err)
	}
	defer os.RemoveAll(dir)
	if err := e.WriteDir(dir); err != nil {
		return err
	}
	return s.Printer.Print(ctx, dir, e)
}

// storeDraft seals and stores a built edition as a draft.
func (s *Service) storeDraft(ctx context.Context, by *auth.Principal, e *Edition) (*EditionInfo, error) {
	digest := e.seal()
	ei := &EditionInfo{Name: e.Spec.Edition, From: e.Spec.Years.From, To: e.Spec.Years.To, Grouping: e.Spec.Grouping,
		Subgrouping: e.Spec.Subgrouping, Langs: e.Spec.Langs, PDF: e.Spec.PDF, Status: StatusDraft, Files: len(e.Files),
		SHA256: digest, BuiltBy: by.AuditActor().Label, BuiltAt: e.Built}
	for _, data := range e.Files {
		ei.Size += int64(len(data))
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		old, err := getEdition(ctx, tx, ei.Name)
		switch {
		case err == nil && old.Status == StatusPublished:
			return errs.Conflict("err.report_edition_published", "Edition", ei.Name)
		case err == nil:
			if err := deleteEdition(ctx, tx, old.ID); err != nil {
				return fmt.Errorf("replace draft %s: %w", ei.Name, err)
			}
		case !errs.Is(err, errs.KindNotFound):
			return err
		}
		if err := insertEdition(ctx, tx, ei, e); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "report_edition.build", EntityType: "report_edition",
			EntityID: ei.Name, After: ei.SHA256, Detail: fmt.Sprintf("draft %s, %d–%d, %s, %d files", ei.Name, ei.From, ei.To,
				ei.Grouping, ei.Files)})
	})
	if err != nil {
		return nil, err
	}
	return ei, nil
}

// Publish freezes a draft: from now on anyone may read it, and nothing
// changes it. Audited in the same transaction.
func (s *Service) Publish(ctx context.Context, by *auth.Principal, name string) error {
	return s.onDraft(ctx, by, name, func(tx *sql.Tx, ei EditionInfo) error {
		if err := publishEdition(ctx, tx, ei.ID, by.AuditActor().Label, s.now()); err != nil {
			return fmt.Errorf("publish %s: %w", name, err)
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "report_edition.publish", EntityType: "report_edition",
			EntityID: name, Before: StatusDraft, After: ei.SHA256, Detail: fmt.Sprintf("published %s (%d files, sha256 %s)", name, ei.Files, ei.SHA256)})
	})
}

// DeleteDraft removes a draft; a published edition stays. Audited.
func (s *Service) DeleteDraft(ctx context.Context, by *auth.Principal, name string) error {
	return s.onDraft(ctx, by, name, func(tx *sql.Tx, ei EditionInfo) error {
		if err := deleteEdition(ctx, tx, ei.ID); err != nil {
			return fmt.Errorf("delete draft %s: %w", name, err)
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "report_edition.delete", EntityType: "report_edition",
			EntityID: name, Before: ei.SHA256, Detail: "draft deleted"})
	})
}

// onDraft runs fn in a transaction on the named edition when by may build
// editions and the edition is still a draft: a published one is frozen.
func (s *Service) onDraft(ctx context.Context, by *auth.Principal, name string, fn func(*sql.Tx, EditionInfo) error) error {
	if err := mayBuild(by); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		ei, err := getEdition(ctx, tx, name)
		if err != nil {
			return err
		}
		if ei.Status == StatusPublished {
			return errs.Conflict("err.report_edition_published", "Edition", name)
		}
		return fn(tx, ei)
	})
}
