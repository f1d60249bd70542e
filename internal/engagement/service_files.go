package engagement

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
)

// FileLimits bound a document handed in with an application.
var FileLimits = intake.Limits{Bytes: 10 << 20}

// ownPending loads by's own application while it waits for a decision.
func (s *Service) ownPending(ctx context.Context, tx *sql.Tx, by *auth.Principal, id int64) (*Application, error) {
	if err := auth.Require(by, applicants...); err != nil {
		return nil, err
	}
	a, err := getApplication(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !by.IsSystem() && !owns(by, a) {
		return nil, errs.Forbidden()
	}
	if !a.Pending() {
		return nil, errs.Conflict("err.blueheart_decided")
	}
	return a, nil
}

// MayAttach is the check an upload passes before its body is read.
func (s *Service) MayAttach(ctx context.Context, by *auth.Principal, id int64) error {
	return s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		_, err := s.ownPending(ctx, tx, by, id)
		return err
	})
}

// Attach stores a document of by's waiting application: evidence for
// criterion, or campaign material when criterion is "". The terms are
// checked again with it, and the new check stored.
func (s *Service) Attach(ctx context.Context, by *auth.Principal, id int64, criterion, name string, data []byte) (*File, error) {
	ct, sha, err := intake.Document("file", data, FileLimits)
	if err != nil {
		return nil, err
	}
	d, err := s.Application(ctx, by, id)
	if err != nil {
		return nil, err
	}
	if criterion != "" && !HasCriterion(d.A.Kind, criterion) {
		return nil, errs.Invalid().Field("criterion", "err.blueheart_bad_choice")
	}
	f := &File{ApplicationID: id, Criterion: criterion, Name: name, ContentType: ct, Size: int64(len(data)), SHA256: sha,
		Data: data, UploadedBy: by.DisplayName(), UploadedAt: s.now()}
	facts, err := s.facts(ctx, d.A.Kind, d.A.Country, d.A.Declared, d.A.Evidence, append(d.Files, f), nil)
	if err != nil {
		return nil, err
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		a, err := s.ownPending(ctx, tx, by, id)
		if err != nil {
			return err
		}
		fs, err := filesOf(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(fs) >= maxFiles {
			return errs.Invalid().Field("file", "err.blueheart_too_many_files", "Max", maxFiles)
		}
		if err := insertFile(ctx, tx, f); err != nil {
			return err
		}
		a.Checks, a.CheckedAt = Evaluate(a.Kind, facts), s.now()
		if err := updateChecks(ctx, tx, a); err != nil {
			return err
		}
		return record(ctx, tx, by, "application.file_attach", "engagement_application", id, f.SHA256)
	})
	return f, err
}

// File returns one document of an application to its applicant or the
// staff.
func (s *Service) File(ctx context.Context, by *auth.Principal, id, file int64) (*File, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*File, error) {
		if _, err := s.dossier(ctx, tx, by, id); err != nil {
			return nil, err
		}
		return getFile(ctx, tx, id, file)
	})
}

// Material returns a campaign material file of a listed adopter: public.
func (s *Service) Material(ctx context.Context, by *auth.Principal, adopter, file int64) (*File, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*File, error) {
		ad, err := s.readAdopter(ctx, tx, by, adopter)
		if err != nil {
			return nil, err
		}
		f, err := getFile(ctx, tx, ad.ApplicationID, file)
		if err != nil {
			return nil, err
		}
		if !f.Material() {
			return nil, errs.NotFound()
		}
		return f, nil
	})
}
