package caselaw

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// Service holds the rules of the case law room. Every exported method
// takes the acting principal, checks it, and writes its audit entry in the
// same transaction as the change; publishing also writes the search index
// there, so the public never finds what is not published.
type Service struct {
	DB     *db.DB
	Search *search.Index
	// Known reports whether an ISO3 code names a country (geo's Known).
	Known func(iso3 string) bool
	// Region returns a country's M49 region code, for the region facet.
	Region func(iso3 string) string
	Now    func() time.Time
	// Notices tells people of drafts and publications (service_notices.go).
	Notices Notices

	listed *listCache // listed cases and their snippets, by revision (nil: off)
}

// NewService returns the service. label names a catalogue key in a
// language; it is used to make keywords findable by their labels: the
// analysed labels of each keyword in the six languages are aliases of the
// keyword's facet value, so a case is found by them without carrying them
// in its own tokens. listCacheBytes bounds the cache of listed cases (0:
// none).
func NewService(d *db.DB, ix *search.Index, known func(string) bool, region func(string) string,
	label func(lang, key string) string, listCacheBytes int) *Service {
	s := &Service{DB: d, Search: ix, Known: known, Region: region, Now: time.Now, listed: newListCache(listCacheBytes)}
	for _, cat := range KeywordCategories {
		for _, v := range keywordValues[cat] {
			var toks []string
			for _, l := range web.LangCodes {
				toks = append(toks, ix.An.Tokens(l, label(l, KeywordKey(cat, v)))...)
			}
			ix.Alias("case", cat, v, toks)
		}
	}
	return s
}

// KeywordKey is the catalogue key of a keyword's label.
func KeywordKey(category, value string) string { return "caselaw.kw." + category + "." + value }

// Record is a case as a page or the API shows it: one revision and where
// it stands.
type Record struct {
	Case         Case
	Key          int64
	Rev          int
	LatestRev    int
	PublishedRev int
	Findings     []Finding
	ConfirmedBy  string
	Author       string
	Note         string
	RevisedAt    time.Time
	Attachments  []Attachment
}

// Published reports whether the shown revision is the public one.
func (r *Record) Published() bool { return r.Rev == r.PublishedRev }

// Pending reports whether a newer revision waits for publication.
func (r *Record) Pending() bool { return r.LatestRev > r.PublishedRev }

// Blocked reports whether the identifier check holds the revision back.
func (r *Record) Blocked() bool { return len(r.Findings) > 0 && r.ConfirmedBy == "" }

// Save writes c as a new revision: a new case, or a correction of one. An
// unchanged case writes nothing. Focal points draft for their own country,
// editors for any; publication is a separate step (Publish). The scope —
// the country sent and the stored case's — is checked before the case is
// validated, so another country's focal point is refused whatever they
// send and learns nothing of the case from validation messages.
func (s *Service) Save(ctx context.Context, by *auth.Principal, c Case, note string) (*Record, error) {
	c.Normalise()
	if err := auth.Require(by, drafters()...); err != nil {
		return nil, err
	}
	if c.Country != "" { // none: validation says it is required
		if err := requireDrafter(by, c.Country); err != nil {
			return nil, err
		}
	}
	var out *Record
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		existing, err := casesByRef(ctx, tx, []string{c.ID})
		if err != nil {
			return err
		}
		if old := existing[c.ID]; old != nil {
			if err := requireDrafter(by, old.Country); err != nil {
				return err
			}
		}
		if err := c.Validate(s.Known); err != nil {
			return err
		}
		items, err := s.prepare(ctx, tx, []Case{c}, nil, existing, false, note)
		if err != nil {
			return err
		}
		if err := s.write(ctx, tx, by, items, "case.create", "case.revise"); err != nil {
			return err
		}
		out, err = s.record(ctx, tx, c.ID, 0)
		return err
	})
	s.tellSaved(ctx, err, by, out)
	return out, err
}

// Publish makes revision rev — the latest — the public one. It refuses a
// stale revision, a trafficking case that fails the inclusion rule, and
// one whose identifier findings no editor has fixed or confirmed.
func (s *Service) Publish(ctx context.Context, by *auth.Principal, ref string, rev int) (*Record, error) {
	if err := requireEditor(by); err != nil {
		return nil, err
	}
	var out *Record
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		st, r, c, err := s.latest(ctx, tx, ref, rev)
		if err != nil {
			return err
		}
		if err := c.Inclusion(); err != nil {
			return err
		}
		if len(r.Findings) > 0 && r.ConfirmedBy == "" {
			return errs.Conflict("err.caselaw_identifiers_flagged", "Count", len(r.Findings))
		}
		if st.PublishedRev == rev {
			return errs.Conflict("err.caselaw_already_published")
		}
		if err := s.publish(ctx, tx, []published{{st: st, c: c, rev: rev}}); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "case.publish", EntityType: "case",
			EntityID: ref, After: r.Body, Detail: fmt.Sprintf("revision %d", rev)}); err != nil {
			return err
		}
		out, err = s.record(ctx, tx, ref, 0)
		return err
	})
	s.tellPublished(ctx, err, out)
	return out, err
}

// Confirm records an editor's judgment that the identifier findings of
// revision rev are not personal data, which lets it be published.
func (s *Service) Confirm(ctx context.Context, by *auth.Principal, ref string, rev int) error {
	if err := requireEditor(by); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		st, r, _, err := s.latest(ctx, tx, ref, rev)
		if err != nil {
			return err
		}
		if len(r.Findings) == 0 || r.ConfirmedBy != "" {
			return nil
		}
		who := by.AuditActor().Label
		if err := confirmFindings(ctx, tx, st.ID, rev, who); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "case.confirm_identifiers", EntityType: "case",
			EntityID: ref, Detail: fmt.Sprintf("revision %d: %d findings confirmed", rev, len(r.Findings))})
	})
}

// latest loads case ref and its latest revision, which must be rev.
func (s *Service) latest(ctx context.Context, tx *sql.Tx, ref string, rev int) (*stored, *revision, Case, error) {
	st, err := caseByRef(ctx, tx, ref)
	if err != nil {
		return nil, nil, Case{}, err
	}
	if rev != st.LatestRev {
		return nil, nil, Case{}, errs.Conflict("err.caselaw_stale_revision", "Rev", rev, "Latest", st.LatestRev)
	}
	r, c, err := revisionCase(ctx, tx, st, rev)
	if err != nil {
		return nil, nil, Case{}, err
	}
	return st, r, *c, nil
}
