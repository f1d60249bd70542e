package report

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// seesDrafts reports whether by may preview drafts.
func seesDrafts(by *auth.Principal) bool { return mayBuild(by) == nil }

// Editions lists the published editions and, for analysts and admins,
// the drafts.
func (s *Service) Editions(ctx context.Context, by *auth.Principal) ([]EditionInfo, error) {
	var out []EditionInfo
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = listEditions(ctx, tx, seesDrafts(by))
		return err
	})
	return out, err
}

// Edition returns an edition and its manifest: a draft only to those who
// may preview it (to others it does not exist).
func (s *Service) Edition(ctx context.Context, by *auth.Principal, name string) (*EditionInfo, []File, error) {
	var ei EditionInfo
	var files []File
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		if ei, err = visibleEdition(ctx, tx, by, name); err != nil {
			return err
		}
		files, err = listFiles(ctx, tx, ei.ID)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return &ei, files, nil
}

// File returns one file of an edition exactly as it was stored ("" or a
// folder: its index.html).
func (s *Service) File(ctx context.Context, by *auth.Principal, name, path string) (*StoredFile, error) {
	if path == "" || strings.HasSuffix(path, "/") {
		path += "index.html"
	}
	var f *StoredFile
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		ei, err := visibleEdition(ctx, tx, by, name)
		if err != nil {
			return err
		}
		f, err = getFile(ctx, tx, ei.ID, path)
		return err
	})
	return f, err
}

// visibleEdition loads an edition by, hiding drafts from those who may
// not preview them.
func visibleEdition(ctx context.Context, tx *sql.Tx, by *auth.Principal, name string) (EditionInfo, error) {
	ei, err := getEdition(ctx, tx, name)
	if err != nil {
		return ei, err
	}
	if ei.Status != StatusPublished && !seesDrafts(by) {
		return EditionInfo{}, errs.NotFound()
	}
	return ei, nil
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return db.Now()
	}
	return db.Time(s.Now())
}
