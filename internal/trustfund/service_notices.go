package trustfund

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/notify"
)

func proposalPath(id int64) string { return fmt.Sprintf("/trustfund/proposals/%d", id) }
func grantPath(id int64) string    { return fmt.Sprintf("/trustfund/grants/%d", id) }

// ngoUsers is the NGO's people: its users with the NGO role.
func (s *Service) ngoUsers(org int64) notify.Audience {
	return notify.Audience{Roles: []auth.Role{auth.RoleNGO}, Org: org}
}

// tellCallOpened tells the NGO users a call is open.
func (s *Service) tellCallOpened(ctx context.Context, c *Call) {
	if c.Demo && c.ClosesAt.Before(time.Now()) {
		return // a past demo call: nobody is told of what closed long ago
	}
	s.Notices.Emit(ctx, notify.Event{Kind: notify.KindCallOpened, Key: "notify.event.trustfund_call", Params: map[string]string{"Call": c.Title,
		"Deadline": c.ClosesAt.Format("2006-01-02")}, Object: fmt.Sprintf("trustfund_call:%d", c.ID),
		URL: fmt.Sprintf("/trustfund/calls/%d", c.ID), To: notify.Audience{Roles: []auth.Role{auth.RoleNGO}}})
}

// tellScreened tells the NGO its proposal's screening result.
func (s *Service) tellScreened(ctx context.Context, p *Proposal) {
	s.Notices.Emit(ctx, notify.Event{Kind: notify.KindProposalScreened, Key: screenedKey(p.Status),
		Params: map[string]string{"Title": p.Title}, Object: fmt.Sprintf("trustfund_proposal:%d", p.ID), URL: proposalPath(p.ID),
		To: s.ngoUsers(p.OrgID)})
}

// tellDecided tells the NGO the Board's decision.
func (s *Service) tellDecided(ctx context.Context, p *Proposal) {
	s.Notices.Emit(ctx, notify.Event{Kind: notify.KindProposalDecided, Key: decidedKey(p.Status),
		Params: map[string]string{"Title": p.Title}, Object: fmt.Sprintf("trustfund_proposal:%d", p.ID), URL: proposalPath(p.ID),
		To: s.ngoUsers(p.OrgID)})
}

// tellPaid tells the NGO a tranche of its grant was paid.
func (s *Service) tellPaid(ctx context.Context, v *GrantView, position int) {
	s.Notices.Emit(ctx, notify.Event{Kind: notify.KindTranchePaid, Key: "notify.event.trustfund_paid", Params: map[string]string{"Title": v.P.Title,
		"Tranche": fmt.Sprint(position)}, Object: fmt.Sprintf("trustfund_grant:%d", v.G.ID), URL: grantPath(v.G.ID), To: s.ngoUsers(v.P.OrgID)})
}

// Due implements notify.Scheduled: a week before a final report is due,
// and the day after it is overdue, the NGO is told, once each.
func (s *Service) Due(ctx context.Context, now time.Time) ([]notify.Event, error) {
	var out []notify.Event
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		gs, err := grantsWithParts(ctx, tx)
		if err != nil {
			return err
		}
		for _, g := range gs {
			r := g.Report
			if r == nil || (r.Status != ReportDue && r.Status != ReportReturned) {
				continue
			}
			days := int(r.DueOn.Sub(now.UTC().Truncate(24*time.Hour)).Hours() / 24)
			key := ""
			switch {
			case days >= 0 && days <= 7:
				key = "notify.event.trustfund_report_due"
			case days < 0:
				key = "notify.event.trustfund_report_overdue"
			default:
				continue
			}
			p, err := getProposal(ctx, tx, g.ProposalID)
			if err != nil {
				return err
			}
			out = append(out, notify.Event{Kind: notify.KindReportDue, Key: key, Params: map[string]string{"Title": p.Title,
				"Deadline": r.DueOn.Format("2006-01-02")}, Object: fmt.Sprintf("trustfund_grant:%d", g.ID), URL: grantPath(g.ID),
				To: s.ngoUsers(p.OrgID), Dedupe: fmt.Sprintf("trustfund_report:%d:%s", g.ID, key)})
		}
		return nil
	})
	return out, err
}

func screenedKey(status string) string {
	if status == StatusEligible {
		return "notify.event.trustfund_screened_eligible"
	}
	return "notify.event.trustfund_screened_ineligible"
}

func decidedKey(status string) string {
	switch status {
	case StatusApproved:
		return "notify.event.trustfund_decided_approved"
	case StatusRejected:
		return "notify.event.trustfund_decided_rejected"
	}
	return "notify.event.trustfund_decided_reserve"
}
