package trustfund

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Dossier is a proposal as one reader may see it: the call, the NGO's
// checks, and — by role — the scores, the reviewers, the votes.
type Dossier struct {
	P         *Proposal
	Call      *Call
	Org       *Org
	Checks    []Check
	Files     []*File
	Reviewers []Reviewer
	Scores    []Score // nil when the reader may not see them
	Weighted  int64   // hundredths of a point, with Scores
	Tally     Tally
	Declared  *Declaration // the trustee reader's declaration
	MyVote    string
	MyReview  bool // the reader reviews it
	MyScored  bool // and has submitted its scores
	Manager   bool
	Own       bool // the reader's NGO's proposal
	Grant     *Grant
}

// CanEdit reports whether the reader may change the draft.
func (d *Dossier) CanEdit() bool { return d.Own && d.P.Editable() }

// CanVote reports whether the reader, a trustee, may vote now.
func (d *Dossier) CanVote() bool {
	return d.Declared != nil && !d.Declared.Conflicted && d.P.Status == StatusEligible
}

// dossier loads proposal id for by, or refuses: an NGO reads its own, a
// reviewer those assigned to it, a trustee those past screening, a fund
// manager all.
func (s *Service) dossier(ctx context.Context, tx *sql.Tx, by *auth.Principal, id int64) (*Dossier, error) {
	if err := auth.Require(by, insiders...); err != nil {
		return nil, err
	}
	p, err := getProposal(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	d := &Dossier{P: p, Manager: isManager(by)}
	d.Own = by.Has(auth.RoleNGO) && by.OrgID == p.OrgID
	if by.Has(auth.RoleReviewer) {
		if d.MyReview, d.MyScored, err = reviewerState(ctx, tx, id, by.UserID); err != nil {
			return nil, err
		}
	}
	trustee := by.Has(auth.RoleTrustee) && p.Status != StatusDraft && p.Status != StatusSubmitted && p.Status != StatusIneligible
	if !d.Manager && !d.Own && !d.MyReview && !trustee {
		return nil, errs.Forbidden()
	}
	if d.Call, err = getCall(ctx, tx, p.CallID); err != nil {
		return nil, err
	}
	if d.Org, err = getOrg(ctx, tx, p.OrgID); errs.Is(err, errs.KindNotFound) {
		d.Org, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	d.Checks = Eligibility(d.Org, p, d.Call)
	if d.Files, err = filesOf(ctx, tx, "proposal", id); err != nil {
		return nil, err
	}
	if d.Reviewers, err = reviewersOf(ctx, tx, id); err != nil {
		return nil, err
	}
	if d.Tally, err = tally(ctx, tx, id); err != nil {
		return nil, err
	}
	if trustee {
		if d.Declared, err = declarationOf(ctx, tx, id, by.UserID); err != nil {
			return nil, err
		}
		if d.MyVote, err = voteOf(ctx, tx, id, by.UserID); err != nil {
			return nil, err
		}
	}
	// Scores: the fund manager; a reviewer once its own are in; a trustee
	// who declared no conflict. Never the NGO, never a conflicted trustee.
	if d.Manager || d.MyScored || (trustee && d.Declared != nil && !d.Declared.Conflicted) {
		if d.Scores, err = scoresOf(ctx, tx, id); err != nil {
			return nil, err
		}
		d.Weighted = int64(WeightedScore(d.Scores))
	}
	if p.Status == StatusApproved {
		gs, err := listGrants(ctx, tx)
		if err != nil {
			return nil, err
		}
		for _, g := range gs {
			if g.ProposalID == id {
				d.Grant = g
				if err := withParts(ctx, tx, g); err != nil {
					return nil, err
				}
			}
		}
	}
	return d, nil
}

// Proposal opens proposal id for by.
func (s *Service) Proposal(ctx context.Context, by *auth.Principal, id int64) (*Dossier, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Dossier, error) { return s.dossier(ctx, tx, by, id) })
}

// ProposalRow is a proposal in a list, with its weighted score when the
// reader may see scores.
type ProposalRow struct {
	*Proposal
	Weighted int64
}

// Proposals lists the proposals by may read, of call (0: all calls):
// ranked by weighted score for those who see scores.
func (s *Service) Proposals(ctx context.Context, by *auth.Principal, call int64) ([]ProposalRow, error) {
	if err := auth.Require(by, insiders...); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]ProposalRow, error) {
		org := int64(0)
		if !isManager(by) && by.Has(auth.RoleNGO) {
			org = by.OrgID
			if org == 0 {
				return nil, nil
			}
		}
		all, err := listProposals(ctx, tx, call, org)
		if err != nil {
			return nil, err
		}
		var out []ProposalRow
		for _, p := range all {
			d, err := s.dossier(ctx, tx, by, p.ID)
			if errs.Is(err, errs.KindForbidden) {
				continue
			}
			if err != nil {
				return nil, err
			}
			out = append(out, ProposalRow{Proposal: p, Weighted: d.Weighted})
		}
		slices.SortStableFunc(out, func(a, b ProposalRow) int { return int(b.Weighted - a.Weighted) })
		return out, nil
	})
}

// CreateProposal starts the NGO's proposal to call: one per call and NGO,
// while the call is open, for an NGO whose profile is registered.
func (s *Service) CreateProposal(ctx context.Context, by *auth.Principal, call int64, p Proposal) (*Proposal, error) {
	return s.createProposal(ctx, by, call, p, false)
}

func (s *Service) createProposal(ctx context.Context, by *auth.Principal, call int64, p Proposal, demo bool) (*Proposal, error) {
	if !by.IsSystem() {
		if err := auth.Require(by, auth.RoleNGO); err != nil || by.OrgID == 0 {
			return nil, errs.Forbidden()
		}
		p.OrgID = by.OrgID
	}
	if err := p.ValidateDraft(s.Places.Known); err != nil {
		return nil, err
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := getCall(ctx, tx, call)
		if err != nil {
			return err
		}
		if !c.OpenAt(s.now()) && !demo {
			return errs.Conflict("err.trustfund_call_closed")
		}
		if _, err := getOrg(ctx, tx, p.OrgID); errs.Is(err, errs.KindNotFound) {
			return errs.Conflict("err.trustfund_register_first")
		} else if err != nil {
			return err
		}
		p.CallID, p.Status, p.CreatedAt, p.UpdatedAt, p.Demo = call, StatusDraft, s.now(), s.now(), demo
		if err := insertProposal(ctx, tx, &p, by.DisplayName()); err != nil {
			return err
		}
		return record(ctx, tx, by, "proposal.create", "trustfund_proposal", p.ID, p.Title)
	})
	return &p, err
}

// SaveProposal changes the NGO's draft.
func (s *Service) SaveProposal(ctx context.Context, by *auth.Principal, id int64, in Proposal) (*Proposal, error) {
	if err := in.ValidateDraft(s.Places.Known); err != nil {
		return nil, err
	}
	var p *Proposal
	err := s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if p, err = s.ownDraft(ctx, tx, by, id); err != nil {
			return err
		}
		p.Title, p.Summary, p.Country, p.Months, p.Beneficiaries = in.Title, in.Summary, in.Country, in.Months, in.Beneficiaries
		p.Assistance, p.RequestedMinor, p.Budget, p.UpdatedAt = in.Assistance, in.RequestedMinor, in.Budget, s.now()
		if err := updateProposal(ctx, tx, p); err != nil {
			return err
		}
		return record(ctx, tx, by, "proposal.save", "trustfund_proposal", id, p.Title)
	})
	return p, err
}

// ownDraft loads the NGO's own proposal while it is a draft.
func (s *Service) ownDraft(ctx context.Context, tx *sql.Tx, by *auth.Principal, id int64) (*Proposal, error) {
	p, err := getProposal(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := auth.RequireOrg(by, p.OrgID, auth.RoleNGO); err != nil {
		return nil, err
	}
	if !by.IsSystem() && !by.Has(auth.RoleNGO) {
		return nil, errs.Forbidden()
	}
	if !p.Editable() {
		return nil, errs.Conflict("err.trustfund_not_draft")
	}
	return p, nil
}

// MayEditProposal is the check an upload passes before its body is read.
func (s *Service) MayEditProposal(ctx context.Context, by *auth.Principal, id int64) error {
	return s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		_, err := s.ownDraft(ctx, tx, by, id)
		return err
	})
}

// Submit hands the NGO's proposal in, if it meets the call's rules and the
// call is still open (the server's clock decides, not the browser's).
func (s *Service) Submit(ctx context.Context, by *auth.Principal, id int64) (*Proposal, error) {
	var p *Proposal
	err := s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if p, err = s.ownDraft(ctx, tx, by, id); err != nil {
			return err
		}
		c, err := getCall(ctx, tx, p.CallID)
		if err != nil {
			return err
		}
		if err := p.ValidateSubmission(c, s.now()); err != nil {
			return err
		}
		now := s.now()
		p.Status, p.SubmittedAt, p.UpdatedAt = StatusSubmitted, &now, now
		if err := setProposalStatus(ctx, tx, p); err != nil {
			return err
		}
		return record(ctx, tx, by, "proposal.submit", "trustfund_proposal", id, FormatMinor(p.RequestedMinor, "USD"))
	})
	return p, err
}

// Screen records the fund manager's confirmation of the eligibility
// checks: eligible, or not with the reason the NGO is told.
func (s *Service) Screen(ctx context.Context, by *auth.Principal, id int64, eligible bool, reason string) (*Proposal, error) {
	if err := auth.Require(by, managers...); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if !eligible && reason == "" {
		return nil, errs.Invalid().Field("reason", "err.trustfund_reason_required")
	}
	if tooLong(reason, maxText) {
		return nil, errs.Invalid().Field("reason", "err.trustfund_too_long", "Max", maxText)
	}
	var p *Proposal
	err := s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		d, err := s.dossier(ctx, tx, by, id)
		if err != nil {
			return err
		}
		p = d.P
		if p.Status != StatusSubmitted {
			return errs.Conflict("err.trustfund_not_submitted")
		}
		if eligible && !AllPassed(d.Checks) {
			return errs.Invalid().Field("reason", "err.trustfund_checks_failed")
		}
		p.Status, p.Screening, p.UpdatedAt = StatusIneligible, reason, s.now()
		if eligible {
			p.Status = StatusEligible
		}
		if err := setProposalStatus(ctx, tx, p); err != nil {
			return err
		}
		return record(ctx, tx, by, "proposal.screen", "trustfund_proposal", id, p.Status+" "+reason)
	})
	if err == nil {
		s.tellScreened(ctx, p)
	}
	return p, err
}

// AssignReviewer puts a reviewer on an eligible proposal: fund managers.
func (s *Service) AssignReviewer(ctx context.Context, by *auth.Principal, id int64, email string) error {
	if err := auth.Require(by, managers...); err != nil {
		return err
	}
	u, err := s.Accounts.UserByEmail(ctx, auth.System("trustfund"), strings.TrimSpace(email))
	if errs.Is(err, errs.KindNotFound) || (err == nil && (u.Disabled || !u.HasRole(string(auth.RoleReviewer)))) {
		return errs.Invalid().Field("email", "err.trustfund_not_reviewer")
	}
	if err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		p, err := getProposal(ctx, tx, id)
		if err != nil {
			return err
		}
		if p.Status != StatusEligible {
			return errs.Conflict("err.trustfund_not_eligible")
		}
		if err := assignReviewer(ctx, tx, id, u.ID, u.Name, s.now()); err != nil {
			return err
		}
		return record(ctx, tx, by, "proposal.reviewer_assign", "trustfund_proposal", id, fmt.Sprintf("user %d", u.ID))
	})
}

// ScoreProposal records a reviewer's scores on every criterion of the
// rubric, once; the other reviewers' scores show only then.
func (s *Service) ScoreProposal(ctx context.Context, by *auth.Principal, id int64, scores []Score) error {
	bad := errs.Invalid()
	got := map[string]bool{}
	for _, sc := range scores {
		if sc.Score < 1 || sc.Score > 5 {
			bad.Field("score."+sc.Criterion, "err.trustfund_score")
		}
		if tooLong(sc.Comment, maxText) {
			bad.Field("comment."+sc.Criterion, "err.trustfund_too_long", "Max", maxText)
		}
		got[sc.Criterion] = true
	}
	for _, c := range Rubric {
		if !got[c.Key] {
			bad.Field("score."+c.Key, "err.trustfund_score")
		}
	}
	if len(scores) != len(Rubric) {
		bad.Field("score", "err.trustfund_score")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		d, err := s.dossier(ctx, tx, by, id)
		if err != nil {
			return err
		}
		if !d.MyReview {
			return errs.Forbidden()
		}
		if d.MyScored {
			return errs.Conflict("err.trustfund_scored")
		}
		if d.P.Status != StatusEligible {
			return errs.Conflict("err.trustfund_not_eligible")
		}
		if err := bad.OrNil(); err != nil {
			return err
		}
		if err := saveScores(ctx, tx, id, by.UserID, scores, s.now()); err != nil {
			return err
		}
		return record(ctx, tx, by, "proposal.score", "trustfund_proposal", id, fmt.Sprintf("weighted %d", WeightedScore(scores)))
	})
}

// Declare records a trustee's declaration on a proposal: a conflict (the
// same nationality as the proposal's country, a tie with the NGO) keeps
// them from its scores and its vote.
func (s *Service) Declare(ctx context.Context, by *auth.Principal, id int64, conflicted bool, reason string) error {
	if err := auth.Require(by, auth.RoleTrustee); err != nil {
		return err
	}
	if conflicted && strings.TrimSpace(reason) == "" {
		return errs.Invalid().Field("reason", "err.trustfund_reason_required")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		d, err := s.dossier(ctx, tx, by, id)
		if err != nil {
			return err
		}
		if d.P.Status != StatusEligible {
			return errs.Conflict("err.trustfund_not_eligible")
		}
		if d.MyVote != "" {
			return errs.Conflict("err.trustfund_voted")
		}
		if err := declare(ctx, tx, id, by.UserID, Declaration{Conflicted: conflicted, Reason: strings.TrimSpace(reason)}, s.now()); err != nil {
			return err
		}
		return record(ctx, tx, by, "proposal.declare", "trustfund_proposal", id, fmt.Sprintf("conflicted=%t", conflicted))
	})
}

// Vote records a trustee's vote, once it declared no conflict.
func (s *Service) Vote(ctx context.Context, by *auth.Principal, id int64, v string) error {
	if err := auth.Require(by, auth.RoleTrustee); err != nil {
		return err
	}
	if !slices.Contains(Votes, v) {
		return errs.Invalid().Field("vote", "err.trustfund_bad_choice")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		d, err := s.dossier(ctx, tx, by, id)
		if err != nil {
			return err
		}
		switch {
		case d.Declared == nil:
			return errs.Conflict("err.trustfund_declare_first")
		case d.Declared.Conflicted:
			return errs.Forbidden()
		case d.P.Status != StatusEligible:
			return errs.Conflict("err.trustfund_not_eligible")
		}
		if err := vote(ctx, tx, id, by.UserID, v, s.now()); err != nil {
			return err
		}
		return record(ctx, tx, by, "proposal.vote", "trustfund_proposal", id, v)
	})
}
