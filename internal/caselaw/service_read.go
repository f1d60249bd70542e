package caselaw

import (
	"context"
	"database/sql"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// record loads case ref at revision rev (0: the latest).
func (s *Service) record(ctx context.Context, tx *sql.Tx, ref string, rev int) (*Record, error) {
	st, err := caseByRef(ctx, tx, ref)
	if err != nil {
		return nil, err
	}
	if rev == 0 {
		rev = st.LatestRev
	}
	r, c, err := revisionCase(ctx, tx, st, rev)
	if err != nil {
		return nil, err
	}
	out := &Record{Case: *c, Key: st.ID, Rev: rev, LatestRev: st.LatestRev, PublishedRev: st.PublishedRev, Findings: r.Findings,
		ConfirmedBy: r.ConfirmedBy, Author: r.Author, Note: r.Note, RevisedAt: r.CreatedAt}
	if out.Attachments, err = attachmentsOf(ctx, tx, st.ID, rev); err != nil {
		return nil, err
	}
	return out, nil
}

// Get returns case ref as by may see it: the latest revision for editors
// and the country's focal point, the published one for everyone else
// (not found when never published).
func (s *Service) Get(ctx context.Context, by *auth.Principal, ref string) (*Record, error) {
	var out *Record
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		st, err := caseByRef(ctx, tx, ref)
		if err != nil {
			return err
		}
		drafter := seesDrafts(by, st.Country)
		rev := st.PublishedRev
		if drafter {
			rev = st.LatestRev
		}
		if rev == 0 {
			return errs.NotFound()
		}
		if out, err = s.record(ctx, tx, ref, rev); err == nil && !drafter {
			out.forPublic()
		}
		return err
	})
	return out, err
}

// Public returns the published revision of case ref, whoever asks.
func (s *Service) Public(ctx context.Context, ref string) (*Record, error) {
	var out *Record
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		st, err := caseByRef(ctx, tx, ref)
		if err != nil {
			return err
		}
		if st.PublishedRev == 0 {
			return errs.NotFound()
		}
		if out, err = s.record(ctx, tx, ref, st.PublishedRev); err == nil {
			out.forPublic()
		}
		return err
	})
	return out, err
}

// forPublic removes from a published record what only those who may edit
// the case see: the victims' initials. The page leaves them out for the
// public, and so does every other answer built from the record.
func (r *Record) forPublic() {
	for i := range r.Case.Victims {
		r.Case.Victims[i].Name = ""
	}
}

// RevisionInfo is one line of a case's history.
type RevisionInfo struct {
	Rev         int       `json:"rev"`
	Author      string    `json:"author"`
	Note        string    `json:"note"`
	At          time.Time `json:"at"`
	Findings    int       `json:"findings"`
	ConfirmedBy string    `json:"confirmed_by,omitempty"`
	Published   bool      `json:"published"`
}

// History lists every revision of case ref, newest first, with the one
// the public sees marked: editors only.
func (s *Service) History(ctx context.Context, by *auth.Principal, ref string) ([]RevisionInfo, error) {
	if err := requireEditor(by); err != nil {
		return nil, err
	}
	var out []RevisionInfo
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		st, err := caseByRef(ctx, tx, ref)
		if err != nil {
			return err
		}
		revs, err := revisionsOf(ctx, tx, st.ID)
		for _, r := range revs {
			out = append(out, RevisionInfo{Rev: r.Rev, Author: r.Author, Note: r.Note, At: r.CreatedAt,
				Findings: len(r.Findings), ConfirmedBy: r.ConfirmedBy, Published: r.Rev == st.PublishedRev})
		}
		return err
	})
	return out, err
}

// Revision returns revision rev of case ref: editors only (the history).
func (s *Service) Revision(ctx context.Context, by *auth.Principal, ref string, rev int) (*Record, error) {
	if err := requireEditor(by); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Record, error) {
		return s.record(ctx, tx, ref, rev)
	})
}

// Pending is a case with a revision waiting for publication.
type Pending struct {
	Ref          string
	Country      string
	Title        string // the latest revision's, which only drafters see
	LatestRev    int
	PublishedRev int
	UpdatedAt    time.Time
	Blocked      bool // the identifier check holds it back
}

// Drafts lists the cases with unpublished revisions that by may see:
// every one for editors, the own country's for a focal point.
func (s *Service) Drafts(ctx context.Context, by *auth.Principal) ([]Pending, error) {
	if err := auth.Require(by, drafters()...); err != nil {
		return nil, err
	}
	country := ""
	if !isEditor(by) {
		country = by.Country
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]Pending, error) {
		return pendingCases(ctx, tx, country)
	})
}
