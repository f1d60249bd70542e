package trustfund

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
)

// maxFiles bounds the documents of one proposal.
const maxFiles = 10

// Attach stores a document of the NGO's draft proposal.
func (s *Service) Attach(ctx context.Context, by *auth.Principal, id int64, name string, data []byte) (*File, error) {
	ct, sha, err := intake.Document("file", data, FileLimits)
	if err != nil {
		return nil, err
	}
	f := &File{OwnerKind: "proposal", OwnerID: id, Name: name, ContentType: ct, Size: int64(len(data)), SHA256: sha,
		Data: data, UploadedBy: by.DisplayName(), UploadedAt: s.now()}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := s.ownDraft(ctx, tx, by, id); err != nil {
			return err
		}
		fs, err := filesOf(ctx, tx, "proposal", id)
		if err != nil {
			return err
		}
		if len(fs) >= maxFiles {
			return errs.Invalid().Field("file", "err.trustfund_too_many_files", "Max", maxFiles)
		}
		if err := insertFile(ctx, tx, f); err != nil {
			return err
		}
		return record(ctx, tx, by, "proposal.file_attach", "trustfund_proposal", id, f.SHA256)
	})
	return f, err
}

// File returns one document of a proposal to whoever may read it.
func (s *Service) File(ctx context.Context, by *auth.Principal, id, file int64) (*File, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*File, error) {
		if _, err := s.dossier(ctx, tx, by, id); err != nil {
			return nil, err
		}
		return getFile(ctx, tx, "proposal", id, file)
	})
}
