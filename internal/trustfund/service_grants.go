package trustfund

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Decide records the Board's decision on an eligible proposal from its
// votes: approved (the grant is committed in the ledger, refused with the
// amounts if more than is available), rejected, or put on the reserve list
// in rank order.
func (s *Service) Decide(ctx context.Context, by *auth.Principal, id int64) (*Dossier, error) {
	if err := auth.Require(by, managers...); err != nil {
		return nil, err
	}
	var d *Dossier
	err := s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if d, err = s.dossier(ctx, tx, by, id); err != nil {
			return err
		}
		p := d.P
		if p.Status != StatusEligible {
			return errs.Conflict("err.trustfund_not_eligible")
		}
		outcome := d.Tally.Outcome()
		if outcome == "" {
			return errs.Conflict("err.trustfund_no_quorum", "Cast", d.Tally.Cast(), "Quorum", Quorum)
		}
		now := s.now()
		p.DecisionNote = fmt.Sprintf("approve %d, reject %d, reserve %d, conflicted %d", d.Tally.Approve, d.Tally.Reject, d.Tally.Reserve, d.Tally.Conflicted)
		p.Status, p.DecidedAt, p.UpdatedAt = outcome, &now, now
		switch outcome {
		case StatusApproved:
			if d.Grant, err = s.grantFor(ctx, tx, by, p); err != nil {
				return err
			}
		case StatusReserve:
			if p.ReserveRank, err = nextReserveRank(ctx, tx, p.CallID); err != nil {
				return err
			}
		}
		if err := setProposalStatus(ctx, tx, p); err != nil {
			return err
		}
		return record(ctx, tx, by, "proposal.decide", "trustfund_proposal", id, outcome+": "+p.DecisionNote)
	})
	if err == nil {
		s.tellDecided(ctx, d.P)
	}
	return d, err
}

// grantFor commits the proposal's amount and writes its grant, tranches
// and final report's due date.
func (s *Service) grantFor(ctx context.Context, tx *sql.Tx, by *auth.Principal, p *Proposal) (*Grant, error) {
	now := s.now()
	start := now.Truncate(24 * time.Hour)
	g := &Grant{ProposalID: p.ID, AmountMinor: p.RequestedMinor, StartsOn: start, EndsOn: start.AddDate(0, p.Months, 0),
		Status: "active", Tranches: Tranches(p.RequestedMinor), CreatedAt: now}
	g.Report = &Report{Kind: "final", DueOn: g.EndsOn.AddDate(0, 1, 0), Status: ReportDue}
	// The grant id is known only once written; the commitment goes after it
	// in the same transaction, checked against the ledger under its lock.
	if err := insertGrant(ctx, tx, g); err != nil {
		return nil, err
	}
	if err := s.post(ctx, tx, by, Entry{Kind: EntryCommitted, Grant: g.ID, USD: g.AmountMinor}, 0, "proposal "+idString(p.ID)); err != nil {
		return nil, err
	}
	return g, s.indexProject(ctx, tx, g, p)
}

func nextReserveRank(ctx context.Context, tx *sql.Tx, call int64) (int, error) {
	ps, err := listProposals(ctx, tx, call, 0)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, p := range ps {
		n = max(n, p.ReserveRank)
	}
	return n + 1, nil
}

// FundReserve approves the reserve list of call in rank order while money
// is available, stopping at the first that does not fit; it returns the
// proposals funded.
func (s *Service) FundReserve(ctx context.Context, by *auth.Principal, call int64) ([]int64, error) {
	if err := auth.Require(by, managers...); err != nil {
		return nil, err
	}
	var funded []int64
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		ps, err := listProposals(ctx, tx, call, 0)
		if err != nil {
			return err
		}
		ps = slices.DeleteFunc(ps, func(p *Proposal) bool { return p.Status != StatusReserve })
		slices.SortFunc(ps, func(a, b *Proposal) int { return a.ReserveRank - b.ReserveRank })
		for _, p := range ps {
			l, err := s.ledgerLocked(ctx, tx)
			if err != nil {
				return err
			}
			if l.Balances().Available < p.RequestedMinor {
				break
			}
			if _, err := s.grantFor(ctx, tx, by, p); err != nil {
				return err
			}
			now := s.now()
			p.Status, p.DecidedAt, p.UpdatedAt, p.DecisionNote = StatusApproved, &now, now, p.DecisionNote+"; funded from the reserve list"
			if err := setProposalStatus(ctx, tx, p); err != nil {
				return err
			}
			funded = append(funded, p.ID)
		}
		return record(ctx, tx, by, "call.fund_reserve", "trustfund_call", call, fmt.Sprintf("funded %v", funded))
	})
	return funded, err
}

// GrantView is a grant with its proposal, for the grant's page.
type GrantView struct {
	G       *Grant
	P       *Proposal
	Ledger  GrantBalance
	Manager bool
	Own     bool
}

// Grant opens a grant: the fund manager, or the NGO holding it.
func (s *Service) Grant(ctx context.Context, by *auth.Principal, id int64) (*GrantView, error) {
	if err := auth.Require(by, auth.RoleNGO, auth.RoleFundManager, auth.RoleAdmin); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*GrantView, error) { return s.grantView(ctx, tx, by, id) })
}

func (s *Service) grantView(ctx context.Context, tx *sql.Tx, by *auth.Principal, id int64) (*GrantView, error) {
	g, err := getGrant(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	p, err := getProposal(ctx, tx, g.ProposalID)
	if err != nil {
		return nil, err
	}
	v := &GrantView{G: g, P: p, Manager: isManager(by), Own: by.Has(auth.RoleNGO) && by.OrgID == p.OrgID}
	if !v.Manager && !v.Own {
		return nil, errs.Forbidden()
	}
	l, err := readLedger(ctx, tx)
	if err != nil {
		return nil, err
	}
	v.Ledger = l.Grant(id)
	return v, nil
}

// PayTranche pays tranche position of grant id once its condition holds:
// the first on signature, the last on the approved final report.
func (s *Service) PayTranche(ctx context.Context, by *auth.Principal, id int64, position int) error {
	if err := auth.Require(by, managers...); err != nil {
		return err
	}
	var v *GrantView
	err := s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if v, err = s.grantView(ctx, tx, by, id); err != nil {
			return err
		}
		i := slices.IndexFunc(v.G.Tranches, func(t *Tranche) bool { return t.Position == position })
		if i < 0 {
			return errs.NotFound()
		}
		t := v.G.Tranches[i]
		switch {
		case t.PaidAt != nil:
			return errs.Conflict("err.trustfund_tranche_paid")
		case t.Condition == OnFinalReport && (v.G.Report == nil || v.G.Report.Status != ReportApproved):
			return errs.Conflict("err.trustfund_tranche_waits_report")
		}
		if err := s.post(ctx, tx, by, Entry{Kind: EntryDisbursed, Grant: id, USD: t.AmountMinor}, 0,
			fmt.Sprintf("tranche %d of grant %d", position, id)); err != nil {
			return err
		}
		if err := payTranche(ctx, tx, t.ID, s.now(), by.DisplayName()); err != nil {
			return err
		}
		paid := 0
		for _, x := range v.G.Tranches {
			if x.PaidAt != nil || x.ID == t.ID {
				paid++
			}
		}
		if paid == len(v.G.Tranches) {
			return setGrantStatus(ctx, tx, id, "closed")
		}
		return nil
	})
	if err == nil {
		s.tellPaid(ctx, v, position)
	}
	return err
}

// SubmitReport records the NGO's final report on its grant: what it did,
// what it spent per budget line, whom it assisted.
func (s *Service) SubmitReport(ctx context.Context, by *auth.Principal, id int64, in Report) error {
	if err := auth.Require(by, auth.RoleNGO); err != nil {
		return err
	}
	bad := errs.Invalid()
	in.Narrative = strings.TrimSpace(in.Narrative)
	if in.Narrative == "" {
		bad.Field("narrative", "err.required")
	} else if tooLong(in.Narrative, maxText) {
		bad.Field("narrative", "err.trustfund_too_long", "Max", maxText)
	}
	for k, v := range in.Expenditure {
		if !slices.Contains(BudgetCategories, k) || v < 0 {
			bad.Field("expenditure."+k, "err.trustfund_amount")
		}
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		v, err := s.grantView(ctx, tx, by, id)
		if err != nil {
			return err
		}
		if !v.Own {
			return errs.Forbidden()
		}
		r := v.G.Report
		if r.Status != ReportDue && r.Status != ReportReturned {
			return errs.Conflict("err.trustfund_report_in")
		}
		if err := bad.OrNil(); err != nil {
			return err
		}
		now := s.now()
		r.Status, r.Narrative, r.Expenditure, r.Assisted, r.SubmittedAt, r.Note = ReportSubmitted, in.Narrative, in.Expenditure, in.Assisted, &now, ""
		if err := saveReport(ctx, tx, r); err != nil {
			return err
		}
		return record(ctx, tx, by, "grant_report.submit", "trustfund_grant", id, "final")
	})
}

// DecideReport approves the final report or returns it with a note:
// fund managers.
func (s *Service) DecideReport(ctx context.Context, by *auth.Principal, id int64, approve bool, note string) error {
	if err := auth.Require(by, managers...); err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	if !approve && note == "" {
		return errs.Invalid().Field("note", "err.trustfund_reason_required")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		v, err := s.grantView(ctx, tx, by, id)
		if err != nil {
			return err
		}
		r := v.G.Report
		if r.Status != ReportSubmitted {
			return errs.Conflict("err.trustfund_report_not_in")
		}
		now := s.now()
		r.Status, r.Note, r.DecidedAt = ReportReturned, note, &now
		if approve {
			r.Status = ReportApproved
		}
		if err := saveReport(ctx, tx, r); err != nil {
			return err
		}
		return record(ctx, tx, by, "grant_report.decide", "trustfund_grant", id, r.Status)
	})
}

// GrantRow is a grant in a list: its proposal and what was paid.
type GrantRow struct {
	G *Grant
	P *Proposal
}

// Grants lists the grants by may open: every one for the fund manager,
// its own for an NGO.
func (s *Service) Grants(ctx context.Context, by *auth.Principal) ([]GrantRow, error) {
	if err := auth.Require(by, auth.RoleNGO, auth.RoleFundManager, auth.RoleAdmin); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]GrantRow, error) {
		gs, err := listGrants(ctx, tx)
		if err != nil {
			return nil, err
		}
		var out []GrantRow
		for _, g := range gs {
			p, err := getProposal(ctx, tx, g.ProposalID)
			if err != nil {
				return nil, err
			}
			if !isManager(by) && p.OrgID != by.OrgID {
				continue
			}
			if err := withParts(ctx, tx, g); err != nil {
				return nil, err
			}
			out = append(out, GrantRow{G: g, P: p})
		}
		return out, nil
	})
}
