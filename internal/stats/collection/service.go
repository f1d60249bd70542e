package collection

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
)

// Service holds the rules of the collection workflow. Every exported
// method checks who is acting and, for a submission, its country.
type Service struct {
	DB    *db.DB
	Stats *stats.Service // validation environment, published figures
	Geo   *geo.Service
	// RegionName names an M49 region in English, as the published layout
	// writes it in a questionnaire (nil leaves Region and Subregion blank).
	RegionName func(code string) string
	Now        func() time.Time
	Notices    Notices // tells people of rounds and submissions (service_notices.go)
}

// NewService returns the workflow on d, validating with st.
func NewService(d *db.DB, st *stats.Service, g *geo.Service) *Service {
	return &Service{DB: d, Stats: st, Geo: g, Now: time.Now}
}

func (s *Service) now() time.Time { return db.Time(s.Now()) }

// RoundSummary is a round as the list shows it: to analysts with the
// number of submissions in each status, to a focal point with its own.
type RoundSummary struct {
	Round
	Counts     map[string]int `json:"counts,omitempty"`
	Submission *Submission    `json:"submission,omitempty"`
}

// StatusCount is how many submissions of a round are in one status.
type StatusCount struct {
	Status string
	N      int
}

// StatusCounts lists the counts in workflow order, leaving out zeros.
func (s RoundSummary) StatusCounts() []StatusCount {
	var out []StatusCount
	for _, st := range Statuses {
		if n := s.Counts[st]; n > 0 {
			out = append(out, StatusCount{Status: st, N: n})
		}
	}
	return out
}

// Rounds lists every round, the newest first.
func (s *Service) Rounds(ctx context.Context, by *auth.Principal) ([]RoundSummary, error) {
	if err := auth.Require(by, readers()...); err != nil {
		return nil, err
	}
	var out []RoundSummary
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rounds, err := listRounds(ctx, tx)
		if err != nil {
			return err
		}
		counts := map[int64]map[string]int{}
		if isAnalyst(by) {
			if counts, err = statusCounts(ctx, tx); err != nil {
				return err
			}
		}
		for _, r := range rounds {
			sum := RoundSummary{Round: r, Counts: counts[r.ID]}
			if by.Has(auth.RoleFocalPoint) && by.Country != "" {
				if sum.Submission, err = submissionFor(ctx, tx, r.ID, by.Country); err != nil {
					return err
				}
			}
			out = append(out, sum)
		}
		return nil
	})
	return out, err
}

// RoundView is a round with the submissions by may see: every country's
// for analysts, its own for a focal point.
type RoundView struct {
	Round       Round        `json:"round"`
	Submissions []Submission `json:"submissions"`
}

// Round returns round id as by may see it.
func (s *Service) Round(ctx context.Context, by *auth.Principal, id int64) (*RoundView, error) {
	if err := auth.Require(by, readers()...); err != nil {
		return nil, err
	}
	v := &RoundView{Submissions: []Submission{}}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		r, err := getRound(ctx, tx, id)
		if err != nil {
			return err
		}
		v.Round = *r
		subs, err := listSubmissions(ctx, tx, id)
		for _, sub := range subs {
			if visible(by, sub.ISO3) {
				v.Submissions = append(v.Submissions, sub)
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// OpenRound opens a collection round. Analysts and admins only; audited.
func (s *Service) OpenRound(ctx context.Context, by *auth.Principal, in RoundInput) (*Round, error) {
	if err := auth.Require(by, analysts()...); err != nil {
		return nil, err
	}
	r, err := in.parse(s.now())
	if err != nil {
		return nil, err
	}
	r.CreatedBy, r.CreatedAt, r.UpdatedAt = by.AuditActor().Label, s.now(), s.now()
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertRound(ctx, tx, &r); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "stat_round.open", EntityType: "stat_round",
			EntityID: fmt.Sprint(r.ID), After: r, Detail: fmt.Sprintf("%s: %s, %d indicators, deadline %s", r.Name, YearsText(r.Years),
				len(r.Indicators), r.Deadline)})
	})
	s.tellRoundOpened(ctx, err, &r)
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// UpdateRound changes a round's name, years, indicators and deadline.
// Analysts and admins only; audited. Cells a narrower scope no longer
// covers stay in drafts, where validation reports them.
func (s *Service) UpdateRound(ctx context.Context, by *auth.Principal, id int64, in RoundInput) (*Round, error) {
	if err := auth.Require(by, analysts()...); err != nil {
		return nil, err
	}
	next, err := in.parse(s.now())
	if err != nil {
		return nil, err
	}
	var out *Round
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := getRound(ctx, tx, id)
		if err != nil {
			return err
		}
		before := *r
		r.Name, r.Years, r.Indicators, r.Deadline, r.UpdatedAt = next.Name, next.Years, next.Indicators, next.Deadline, s.now()
		if err := updateRound(ctx, tx, r); err != nil {
			return err
		}
		out = r
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "stat_round.update", EntityType: "stat_round",
			EntityID: fmt.Sprint(id), Before: before, After: r, Detail: fmt.Sprintf("%s: %s, %d indicators, deadline %s",
				r.Name, YearsText(r.Years), len(r.Indicators), r.Deadline)})
	})
	return out, err
}

// SetRoundStatus closes a round (focal points can no longer save or
// submit) or opens it again. Analysts and admins only; audited.
func (s *Service) SetRoundStatus(ctx context.Context, by *auth.Principal, id int64, status string) error {
	if err := auth.Require(by, analysts()...); err != nil {
		return err
	}
	if status != RoundOpen && status != RoundClosed {
		return errs.Invalid().Field("status", "err.collection_round_status")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := getRound(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.Status == status {
			return nil
		}
		before := r.Status
		r.Status, r.UpdatedAt = status, s.now()
		if err := updateRound(ctx, tx, r); err != nil {
			return err
		}
		action := map[string]string{RoundOpen: "stat_round.reopen", RoundClosed: "stat_round.close"}[status]
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: action, EntityType: "stat_round",
			EntityID: fmt.Sprint(id), Before: before, After: status, Detail: r.Name})
	})
}
