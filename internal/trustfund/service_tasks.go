package trustfund

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
)

// Tasks implements notify.TaskSource: what the fund waits on by for.
func (s *Service) Tasks(ctx context.Context, by *auth.Principal) ([]notify.Task, error) {
	if by == nil || by.IsSystem() || !by.HasAny(insiders...) {
		return nil, nil
	}
	var out []notify.Task
	add := func(kind string, params map[string]any, url string, p *Proposal) {
		out = append(out, notify.Task{Kind: kind, Title: "notify.task." + kind, Params: params, URL: url, Created: p.UpdatedAt})
	}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		ps, err := listProposals(ctx, tx, 0, 0)
		if err != nil {
			return err
		}
		calls := map[int64]*Call{}
		cs, err := listCalls(ctx, tx)
		if err != nil {
			return err
		}
		for _, c := range cs {
			calls[c.ID] = c
		}
		reviews := map[int64]bool{}
		if by.Has(auth.RoleReviewer) {
			if reviews, err = reviewedBy(ctx, tx, by.UserID); err != nil {
				return err
			}
		}
		for _, p := range ps {
			title := map[string]any{"Title": p.Title}
			switch {
			case by.Has(auth.RoleNGO) && p.OrgID == by.OrgID && p.Status == StatusDraft:
				t := notify.Task{Kind: "trustfund_draft", Title: "notify.task.trustfund_draft", Params: title, URL: proposalPath(p.ID), Created: p.UpdatedAt}
				if c := calls[p.CallID]; c != nil {
					due := c.ClosesAt
					t.Due = &due
				}
				out = append(out, t)
			case isManager(by) && p.Status == StatusSubmitted:
				add("trustfund_screen", title, proposalPath(p.ID), p)
			case isManager(by) && p.Status == StatusEligible:
				t, err := tally(ctx, tx, p.ID)
				if err != nil {
					return err
				}
				if t.Outcome() != "" {
					add("trustfund_decide", title, proposalPath(p.ID), p)
				}
			}
			if scored, ok := reviews[p.ID]; ok && !scored && p.Status == StatusEligible {
				add("trustfund_score", title, proposalPath(p.ID), p)
			}
			if by.Has(auth.RoleTrustee) && p.Status == StatusEligible {
				v, err := voteOf(ctx, tx, p.ID, by.UserID)
				if err != nil {
					return err
				}
				d, err := declarationOf(ctx, tx, p.ID, by.UserID)
				if err != nil {
					return err
				}
				if v == "" && (d == nil || !d.Conflicted) {
					add("trustfund_vote", title, proposalPath(p.ID), p)
				}
			}
		}
		gs, err := grantsWithParts(ctx, tx)
		if err != nil {
			return err
		}
		for _, g := range gs {
			p, err := getProposal(ctx, tx, g.ProposalID)
			if err != nil {
				return err
			}
			title := map[string]any{"Title": p.Title}
			r := g.Report
			if by.Has(auth.RoleNGO) && p.OrgID == by.OrgID && (r.Status == ReportDue || r.Status == ReportReturned) && g.Status == "active" {
				due := r.DueOn
				out = append(out, notify.Task{Kind: "trustfund_report", Title: "notify.task.trustfund_report", Params: title,
					URL: grantPath(g.ID), Due: &due, Created: g.CreatedAt})
			}
			if !isManager(by) {
				continue
			}
			if r.Status == ReportSubmitted {
				add("trustfund_review_report", title, grantPath(g.ID), p)
			}
			for _, t := range g.Tranches {
				if t.PaidAt == nil && (t.Condition == OnSignature || r.Status == ReportApproved) {
					add("trustfund_pay", title, grantPath(g.ID), p)
				}
			}
		}
		if isManager(by) {
			os, err := listOrgs(ctx, tx)
			if err != nil {
				return err
			}
			for _, o := range os {
				if o.VerifiedAt == nil {
					out = append(out, notify.Task{Kind: "trustfund_verify", Title: "notify.task.trustfund_verify",
						Params: map[string]any{"Name": o.Name}, URL: "/trustfund/manage#ngos", Created: o.UpdatedAt})
				}
			}
		}
		return nil
	})
	return out, err
}
