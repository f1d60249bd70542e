package collection

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/stats"
)

// SubmissionView is a submission with everything its page shows.
type SubmissionView struct {
	Submission Submission  `json:"submission"`
	Round      Round       `json:"round"`
	Draft      []DraftCell `json:"draft"`
	Problems   []Problem   `json:"problems"` // of the draft
	Latest     []Cell      `json:"latest"`   // the cells of the latest version
	Versions   []Version   `json:"versions"`
	Queries    []Query     `json:"queries"`
	Open       int         `json:"open_queries"`
	Actions    Actions     `json:"-"`
}

// Submission returns submission id as by may see it: not found when it is
// another country's and by is a focal point.
func (s *Service) Submission(ctx context.Context, by *auth.Principal, id int64) (*SubmissionView, error) {
	if err := auth.Require(by, readers()...); err != nil {
		return nil, err
	}
	env, err := s.Stats.Env(ctx, "")
	if err != nil {
		return nil, err
	}
	v := &SubmissionView{}
	err = s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		sub, r, err := load(ctx, tx, by, id)
		if err != nil {
			return err
		}
		v.Submission, v.Round = *sub, *r
		if v.Draft, err = draftCells(ctx, tx, id); err != nil {
			return err
		}
		if v.Versions, err = listVersions(ctx, tx, id); err != nil {
			return err
		}
		if len(v.Versions) > 0 {
			if v.Latest, err = versionCells(ctx, tx, v.Versions[0].ID); err != nil {
				return err
			}
		}
		if v.Queries, err = listQueries(ctx, tx, id); err != nil {
			return err
		}
		v.Open, err = openQueries(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	v.Problems = checkDraft(v.Draft, &v.Round, v.Submission.ISO3, env).problems
	v.Actions = actionsFor(by, &v.Submission, &v.Round, v.Open)
	return v, nil
}

// loadFor is load, then may: by may take action on the submission.
func loadFor(ctx context.Context, tx *sql.Tx, by *auth.Principal, id int64, action string) (*Submission, *Round, error) {
	sub, r, err := load(ctx, tx, by, id)
	if err != nil {
		return nil, nil, err
	}
	if err := may(by, action, sub, r); err != nil {
		return nil, nil, err
	}
	return sub, r, nil
}

// load reads a submission and its round, as not found unless by may see it.
func load(ctx context.Context, tx *sql.Tx, by *auth.Principal, id int64) (*Submission, *Round, error) {
	sub, err := getSubmission(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	if !visible(by, sub.ISO3) {
		return nil, nil, errs.NotFound()
	}
	r, err := getRound(ctx, tx, sub.RoundID)
	if err != nil {
		return nil, nil, err
	}
	return sub, r, nil
}

// checkDraft validates draft cells; problems on cells that fit no cell of
// the round (an API caller's) still name the cell given.
func checkDraft(cells []DraftCell, r *Round, iso3 string, env stats.Env) *checked {
	c := check(records(cells, iso3), r, iso3, env)
	for i := range c.problems {
		if len(c.problems[i].Cells) > 0 {
			continue
		}
		for _, l := range c.problems[i].Lines {
			if l >= 1 && l <= len(cells) {
				c.problems[i].Cells = append(c.problems[i].Cells, cells[l-1].CellKey)
			}
		}
	}
	return c
}

// Start returns the focal point's submission to round, creating it on
// first use with the figures already published for its country, so the
// questionnaire opens with what is held. Focal points only; audited.
func (s *Service) Start(ctx context.Context, by *auth.Principal, roundID int64) (*Submission, error) {
	if err := auth.Require(by, auth.RoleFocalPoint); err != nil {
		return nil, err
	}
	if !by.Has(auth.RoleFocalPoint) || by.Country == "" {
		return nil, errs.Forbidden()
	}
	var out *Submission
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		r, err := getRound(ctx, tx, roundID)
		if err != nil {
			return err
		}
		if out, err = submissionFor(ctx, tx, roundID, by.Country); err != nil || out != nil {
			return err
		}
		if r.Status != RoundOpen {
			return errs.Conflict("err.collection_round_closed")
		}
		held, err := s.held(ctx, r, by.Country)
		if err != nil {
			return err
		}
		out = &Submission{RoundID: roundID, ISO3: by.Country, Status: StatusDraft, UpdatedBy: by.AuditActor().Label, UpdatedAt: s.now()}
		if err := insertSubmission(ctx, tx, out); err != nil {
			return err
		}
		if err := replaceDraft(ctx, tx, s.DB.Dialect, out.ID, held); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "stat_submission.start", EntityType: "stat_submission",
			EntityID: fmt.Sprint(out.ID), After: held, Detail: fmt.Sprintf("%s, round %d: %d published figures pre-filled", out.ISO3, roundID, len(held))})
	})
	return out, err
}

// held returns the published figures of iso3 that the round's
// questionnaire collects, as draft cells.
func (s *Service) held(ctx context.Context, r *Round, iso3 string) ([]DraftCell, error) {
	var out []DraftCell
	for _, ind := range r.Indicators {
		for _, y := range r.Years {
			obs, _, err := s.Stats.StoredObservations(ctx, stats.Query{Indicator: ind, Year: y, Countries: []string{iso3}}, 0, 1000)
			if err != nil {
				return nil, fmt.Errorf("published figures of %s %s %d: %w", iso3, ind, y, err)
			}
			for _, o := range obs {
				if k := keyOf(o.Key); InQuestionnaire(r, k) && o.Value.Kind != stats.KindMissing {
					out = append(out, DraftCell{CellKey: k, Text: o.Value.String()})
				}
			}
		}
	}
	sortDraft(out)
	return out, nil
}
