package trustfund

import (
	"context"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// OrgMaker creates (or finds) a demo organisation of the accounts and
// returns its id: the app passes the accounts' EnsureDemoOrg.
type OrgMaker func(ctx context.Context, short, name, country string) (int64, error)

type demoCall struct {
	Title, Description, TimeZone string
	OpensDaysAgo                 int `json:"opens_days_ago"`
	DaysOpen                     int `json:"days_open"`
	Min, Max                     string
	MaxMonths                    int `json:"max_months"`
	Priorities, Documents        []string
}

type demoProposal struct {
	Org, Stage, Title, Requested string
	Months                       int
	Assistance                   []string
	Beneficiaries                Beneficiaries
	Budget                       []struct{ Category, Description, Amount string }
	Votes                        map[string]int
	ConflictReason               string `json:"conflict_reason"`
	TranchesPaid                 []int  `json:"tranches_paid"`
	Report                       string
	Reason                       string
}

type demoContent struct {
	Organisations []struct {
		Short, Name, Country string
		AssistingSince       int `json:"assisting_since"`
	}
	Contributions []struct {
		Kind                                    DonorKind
		Name, Country, Status, Amount, Currency string
		Rate, Channel, Earmark                  string
		Consent                                 bool
		DaysAgo                                 int `json:"days_ago"`
	}
	Fees []struct {
		Amount, Note string
		DaysAgo      int `json:"days_ago"`
	}
	ClosedCall demoCall `json:"closed_call"`
	OpenCall   demoCall `json:"open_call"`
	Reviewer   string
	Trustees   []string
	Proposals  []demoProposal
}

// LoadDemo writes the fund's fictional demo content through the service,
// as its people would, each step on its own (past) day: donors and
// contributions in two currencies, twelve NGOs, a closed call whose
// proposals stand at every stage — screened out, scored, voted on by five
// trustees (one conflicted), approved with tranches paid and pending,
// rejected, on the reserve list — and an open call the demo NGO can apply
// to. A second run finds the calls and changes nothing.
func (s *Service) LoadDemo(ctx context.Context, orgs OrgMaker) error {
	var c demoContent
	if err := DemoFiles().JSON("demo/trustfund.json", &c); err != nil {
		return fmt.Errorf("trust fund demo: %w", err)
	}
	calls, err := s.Calls(ctx)
	if err != nil {
		return err
	}
	for _, have := range calls {
		if have.Title == c.ClosedCall.Title {
			return nil
		}
	}
	today := s.now()
	at := func(daysAgo int) *Service {
		past := *s
		t := today.AddDate(0, 0, -daysAgo)
		past.Now = func() time.Time { return t }
		return &past
	}
	sys := auth.System("demo")
	ids := map[string]int64{}
	for _, o := range c.Organisations {
		id, err := orgs(ctx, o.Short, o.Name, o.Country)
		if err != nil {
			return fmt.Errorf("organisation %s: %w", o.Short, err)
		}
		ids[o.Short] = id
		past := at(c.ClosedCall.OpensDaysAgo + 30)
		if _, err := past.saveOrg(ctx, sys, Org{OrgID: id, Name: o.Name, Country: o.Country, RegistrationNumber: "DEMO-" + o.Short,
			NonProfit: true, AssistingSince: o.AssistingSince, BankAccount: o.Short != "DEMO-NGO-THA", PSEA: true,
			Profile: "Fictional demo organisation."}, true); err != nil {
			return fmt.Errorf("organisation %s: %w", o.Short, err)
		}
		if err := past.VerifyOrg(ctx, sys, id); err != nil {
			return err
		}
	}
	for _, x := range c.Contributions {
		if _, err := at(x.DaysAgo).contribute(ctx, sys, ContributionInput{DonorKind: x.Kind, DonorName: x.Name, DonorCountry: x.Country,
			ConsentNamed: x.Consent || x.Kind != DonorIndividual, Status: x.Status, Amount: x.Amount, Currency: x.Currency, Rate: x.Rate,
			Channel: x.Channel, Earmark: x.Earmark, On: today.AddDate(0, 0, -x.DaysAgo)}, true); err != nil {
			return fmt.Errorf("contribution of %s: %w", x.Name, err)
		}
	}
	for _, f := range c.Fees {
		if err := at(f.DaysAgo).RecordFee(ctx, sys, f.Amount, f.Note); err != nil {
			return err
		}
	}
	closed, err := s.demoCall(ctx, c.ClosedCall, today)
	if err != nil {
		return err
	}
	people, err := s.demoPeople(ctx, c)
	if err != nil {
		return err
	}
	opened := c.ClosedCall.OpensDaysAgo
	for i, p := range c.Proposals {
		if err := s.demoProposal(ctx, at, opened, closed, ids[p.Org], p, i, people); err != nil {
			return fmt.Errorf("proposal %q: %w", p.Title, err)
		}
	}
	_, err = s.demoCall(ctx, c.OpenCall, today)
	return err
}

func (s *Service) demoCall(ctx context.Context, c demoCall, today time.Time) (*Call, error) {
	minor, err := ParseAmount(c.Min, "USD")
	if err != nil {
		return nil, err
	}
	maxMinor, err := ParseAmount(c.Max, "USD")
	if err != nil {
		return nil, err
	}
	opens := today.AddDate(0, 0, -c.OpensDaysAgo).Truncate(24 * time.Hour)
	past := *s
	past.Now = func() time.Time { return opens }
	return past.openCall(ctx, auth.System("demo"), Call{Title: c.Title, Description: c.Description, OpensAt: opens,
		ClosesAt: opens.AddDate(0, 0, c.DaysOpen), TimeZone: c.TimeZone, MinMinor: minor, MaxMinor: maxMinor, MaxMonths: c.MaxMonths,
		Priorities: c.Priorities, Documents: c.Documents}, true)
}

// demoPeople are the reviewer and the trustees as principals, for the
// scores and votes they give as they would signed in.
type demoPeople struct {
	reviewer *auth.Principal
	trustees []*auth.Principal
}

func (s *Service) demoPeople(ctx context.Context, c demoContent) (*demoPeople, error) {
	as := func(email string) (*auth.Principal, error) {
		u, err := s.Accounts.UserByEmail(ctx, auth.System("demo"), email)
		if err != nil {
			return nil, fmt.Errorf("demo account %s: %w", email, err)
		}
		return &auth.Principal{UserID: u.ID, Email: u.Email, Name: u.Name, Roles: u.Roles, MFA: true, Method: "demo"}, nil
	}
	p := &demoPeople{}
	var err error
	if p.reviewer, err = as(c.Reviewer); err != nil {
		return nil, err
	}
	for _, e := range c.Trustees {
		t, err := as(e)
		if err != nil {
			return nil, err
		}
		p.trustees = append(p.trustees, t)
	}
	return p, nil
}

func (s *Service) demoProposal(ctx context.Context, at func(int) *Service, opened int, call *Call, org int64, in demoProposal, i int, people *demoPeople) error {
	sys := auth.System("demo")
	requested, err := ParseAmount(in.Requested, "USD")
	if err != nil {
		return err
	}
	p := Proposal{OrgID: org, Title: in.Title, Summary: "Fictional demo project: " + in.Title + ".", Months: in.Months,
		Assistance: in.Assistance, Beneficiaries: in.Beneficiaries, RequestedMinor: requested}
	for _, l := range in.Budget {
		n, err := ParseAmount(l.Amount, "USD")
		if err != nil {
			return err
		}
		p.Budget = append(p.Budget, BudgetLine{Category: l.Category, Description: l.Description, AmountMinor: n})
	}
	day := opened - 5 - i // submitted during the call's window
	if p.Country, err = s.orgCountry(ctx, org); err != nil {
		return err
	}
	made, err := at(day).createProposal(ctx, sys, call.ID, p, true)
	if err != nil {
		return err
	}
	id := made.ID
	if in.Stage == StatusDraft {
		return nil
	}
	if _, err := at(day).Submit(ctx, sys, id); err != nil {
		return err
	}
	if in.Stage == StatusSubmitted {
		return nil
	}
	screenDay := opened - int(call.ClosesAt.Sub(call.OpensAt).Hours()/24) - 5
	if in.Stage == StatusIneligible {
		_, err := at(screenDay).Screen(ctx, sys, id, false, in.Reason)
		return err
	}
	if _, err := at(screenDay).Screen(ctx, sys, id, true, ""); err != nil {
		return err
	}
	if err := at(screenDay).AssignReviewer(ctx, sys, id, people.reviewer.Email); err != nil {
		return err
	}
	if in.Stage == StatusEligible {
		return nil // the demo reviewer's to score
	}
	var scores []Score
	for j, c := range Rubric {
		scores = append(scores, Score{Criterion: c.Key, Score: 2 + (i+j)%4, Comment: "Fictional demo score."})
	}
	if err := at(screenDay-3).ScoreProposal(ctx, people.reviewer, id, scores); err != nil {
		return err
	}
	voteDay := screenDay - 10
	k := 0
	if n := in.Votes["conflicted"]; n > 0 {
		t := people.trustees[len(people.trustees)-1]
		if err := at(voteDay).Declare(ctx, t, id, true, in.ConflictReason); err != nil {
			return err
		}
	}
	for _, v := range Votes {
		for n := 0; n < in.Votes[v]; n++ {
			t := people.trustees[k]
			k++
			if err := at(voteDay).Declare(ctx, t, id, false, ""); err != nil {
				return err
			}
			if err := at(voteDay).Vote(ctx, t, id, v); err != nil {
				return err
			}
		}
	}
	if in.Stage == "eligible_voting" {
		return nil
	}
	decideDay := voteDay - 5
	if in.Stage == "approved_overdue" {
		decideDay = voteDay - 1
	}
	d, err := at(decideDay).Decide(ctx, sys, id)
	if err != nil {
		return err
	}
	if d.Grant == nil {
		return nil
	}
	g := d.Grant.ID
	for _, n := range in.TranchesPaid {
		payDay := decideDay - 2
		if n == 2 {
			if err := at(decideDay-280).SubmitReport(ctx, s.demoNGO(org), g, Report{Narrative: "Fictional demo report: the project assisted the people it planned to.",
				Expenditure: map[string]int64{p.Budget[0].Category: p.Budget[0].AmountMinor}, Assisted: in.Beneficiaries}); err != nil {
				return err
			}
			if err := at(decideDay-285).DecideReport(ctx, sys, g, true, ""); err != nil {
				return err
			}
			payDay = decideDay - 290
		}
		if err := at(payDay).PayTranche(ctx, sys, g, n); err != nil {
			return err
		}
	}
	if in.Report == ReportSubmitted {
		return at(0).SubmitReport(ctx, s.demoNGO(org), g, Report{Narrative: "Fictional demo report, waiting for the fund manager.",
			Expenditure: map[string]int64{p.Budget[0].Category: p.Budget[0].AmountMinor}, Assisted: in.Beneficiaries})
	}
	return nil
}

// demoNGO is a principal of the NGO org, for the reports it writes.
func (s *Service) demoNGO(org int64) *auth.Principal {
	return &auth.Principal{Name: "demo NGO", Roles: []auth.Role{auth.RoleNGO}, OrgID: org, Method: "demo"}
}

func (s *Service) orgCountry(ctx context.Context, org int64) (string, error) {
	os, err := s.Orgs(ctx, auth.System("demo"))
	if err != nil {
		return "", err
	}
	for _, o := range os {
		if o.OrgID == org {
			return o.Country, nil
		}
	}
	return "", errs.NotFound()
}
