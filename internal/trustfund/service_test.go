package trustfund

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/auth/authtest"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo/geotest"
	"github.com/tipsom/tipsom/internal/search"
)

// fund is a service on a real database with its people: a fund manager,
// three NGOs, two reviewers and five trustees.
type fund struct {
	svc       *Service
	fm        *auth.Principal
	ngos      []*auth.Principal
	reviewers []*auth.Principal
	trustees  []*auth.Principal
}

func newFund(t *testing.T, d *db.DB) *fund {
	t.Helper()
	ctx := t.Context()
	g := geotest.Seeded(t, d)
	accounts := auth.NewService(d)
	f := &fund{svc: NewService(d, g, accounts, nil)}
	sys := auth.System("test")
	user := func(email string, role auth.Role, org int64) *auth.Principal {
		return authtest.Principal(t, accounts, auth.UserInput{Email: email, Roles: []auth.Role{role}, OrgID: org})
	}
	f.fm = user("fm@example.org", auth.RoleFundManager, 0)
	for i, c := range []string{"KEN", "NGA", "NPL"} {
		o, err := accounts.CreateOrg(ctx, sys, auth.OrgInput{ShortName: "NGO-" + c, Name: "Shelter " + c, Country: c})
		if err != nil {
			t.Fatal(err)
		}
		p := user("ngo"+string(rune('a'+i))+"@example.org", auth.RoleNGO, o.ID)
		if _, err := f.svc.SaveOrg(ctx, p, Org{Name: "Shelter " + c, Country: c, RegistrationNumber: "R-" + c, NonProfit: true,
			AssistingSince: 2015, BankAccount: true, PSEA: true}); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.VerifyOrg(ctx, f.fm, o.ID); err != nil {
			t.Fatal(err)
		}
		f.ngos = append(f.ngos, p)
	}
	f.reviewers = []*auth.Principal{user("r1@example.org", auth.RoleReviewer, 0), user("r2@example.org", auth.RoleReviewer, 0)}
	for i := 0; i < BoardSize; i++ {
		f.trustees = append(f.trustees, user("t"+string(rune('1'+i))+"@example.org", auth.RoleTrustee, 0))
	}
	return f
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// proposal drafts and returns a complete proposal of ngo to call.
func (f *fund) proposal(t *testing.T, ngo *auth.Principal, call int64, country string, usd int64) *Proposal {
	t.Helper()
	p, err := f.svc.CreateProposal(t.Context(), ngo, call, Proposal{Title: "Shelter in " + country, Summary: "Beds and counselling.",
		Country: country, Months: 12, Beneficiaries: Beneficiaries{Women: 20, Girls: 5}, Assistance: []string{"shelter", "psychological"},
		RequestedMinor: usd, Budget: []BudgetLine{{Category: "shelter_costs", AmountMinor: usd - 100000}, {Category: "staff", AmountMinor: 100000}}})
	must(t, "draft", err)
	return p
}

// voted takes ngo's draft id through submission and screening to three
// trustees' votes v, ready for the fund manager's decision.
func (f *fund) voted(t *testing.T, ngo *auth.Principal, id int64, v string) {
	t.Helper()
	ctx := t.Context()
	_, err := f.svc.Submit(ctx, ngo, id)
	must(t, "submit", err)
	_, err = f.svc.Screen(ctx, f.fm, id, true, "")
	must(t, "screen", err)
	for _, tr := range f.trustees[:3] {
		must(t, "declare", f.svc.Declare(ctx, tr, id, false, ""))
		must(t, "vote", f.svc.Vote(ctx, tr, id, v))
	}
}

func (f *fund) openCall(t *testing.T) *Call {
	t.Helper()
	now := f.svc.now()
	c, err := f.svc.OpenCall(t.Context(), f.fm, Call{Title: "Small grants 2027", OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(30 * 24 * time.Hour),
		TimeZone: "Europe/Vienna", MinMinor: 500000, MaxMinor: 2500000, MaxMonths: 12})
	must(t, "open call", err)
	return c
}

// TestGrantCycle runs a whole call: three NGOs submit (one over the
// maximum is refused with the amounts), screening, two reviewers score,
// five trustees (one conflicted) vote, the approval that fits is granted
// and the one that would over-commit is refused with the amounts, tranche
// 1 is paid, the report approved, tranche 2 paid, and the public account
// adds up. Each scope rule is tried on the way.
func TestGrantCycle(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFund(t, d)
		ctx := t.Context()
		_, err := f.svc.RecordContribution(ctx, f.fm, ContributionInput{DonorKind: DonorState, DonorName: "State A", Status: Received,
			Amount: "30,000", Currency: "USD", Rate: "1", Channel: "direct"})
		must(t, "contribution", err)
		_, err = f.svc.RecordContribution(ctx, f.fm, ContributionInput{DonorKind: DonorIndividual, DonorName: "Jane Private", Status: Received,
			Amount: "100", Currency: "EUR", Rate: "1.0845", Channel: "event"})
		must(t, "an individual's gift", err)
		c := f.openCall(t)
		ps := []*Proposal{f.proposal(t, f.ngos[0], c.ID, "KEN", 2000000), f.proposal(t, f.ngos[1], c.ID, "NGA", 1500000),
			f.proposal(t, f.ngos[2], c.ID, "NPL", 3000000)}
		_, err = f.svc.Submit(ctx, f.ngos[2], ps[2].ID)
		if keys := errs.FieldKeys(err); keys["requested"] != "err.trustfund_amount_limits" {
			t.Fatalf("over the maximum: %v", err)
		}
		if e := errs.As(err); e.Fields[0].Args["Max"] != "25000.00" {
			t.Errorf("the refusal does not give the maximum: %+v", e.Fields[0].Args)
		}
		// An NGO sees only its own, and cannot submit another's.
		if _, err := f.svc.Submit(ctx, f.ngos[1], ps[0].ID); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("another NGO submits: %v", err)
		}
		if _, err := f.svc.Proposal(ctx, f.ngos[1], ps[0].ID); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("another NGO reads: %v", err)
		}
		if rows, _ := f.svc.Proposals(ctx, f.ngos[1], 0); len(rows) != 1 || rows[0].ID != ps[1].ID {
			t.Errorf("NGO B lists %+v", rows)
		}
		for _, i := range []int{0, 1} {
			_, err := f.svc.Submit(ctx, f.ngos[i], ps[i].ID)
			must(t, "submit", err)
			_, err = f.svc.Screen(ctx, f.fm, ps[i].ID, true, "")
			must(t, "screen", err)
			for _, r := range f.reviewers {
				must(t, "assign", f.svc.AssignReviewer(ctx, f.fm, ps[i].ID, r.Email))
			}
		}
		// Reviewers: the other's scores only after one's own.
		score := func(r *auth.Principal, id int64, n int) {
			var sc []Score
			for _, c := range Rubric {
				sc = append(sc, Score{Criterion: c.Key, Score: n})
			}
			must(t, "score", f.svc.ScoreProposal(ctx, r, id, sc))
		}
		score(f.reviewers[0], ps[0].ID, 4)
		if d, _ := f.svc.Proposal(ctx, f.reviewers[1], ps[0].ID); d.Scores != nil {
			t.Error("the second reviewer sees the first's scores before scoring")
		}
		score(f.reviewers[1], ps[0].ID, 5)
		if d, _ := f.svc.Proposal(ctx, f.reviewers[1], ps[0].ID); len(d.Scores) != 2*len(Rubric) || d.Weighted != 450 {
			t.Errorf("after scoring: %d scores, weighted %d", len(d.Scores), d.Weighted)
		}
		if err := f.svc.ScoreProposal(ctx, f.reviewers[0], ps[0].ID, []Score{{Criterion: "relevance", Score: 9}}); !errs.Is(err, errs.KindConflict) && !errs.Is(err, errs.KindInvalid) {
			t.Errorf("scoring twice: %v", err)
		}
		// Trustees: one conflicted on the first proposal.
		conflicted := f.trustees[4]
		must(t, "declare", f.svc.Declare(ctx, conflicted, ps[0].ID, true, "Same nationality"))
		if d, _ := f.svc.Proposal(ctx, conflicted, ps[0].ID); d.Scores != nil || d.CanVote() {
			t.Error("a conflicted trustee sees the scores or may vote")
		}
		if err := f.svc.Vote(ctx, conflicted, ps[0].ID, VoteApprove); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("a conflicted trustee votes: %v", err)
		}
		if _, err := f.svc.Decide(ctx, f.fm, ps[0].ID); !errs.Is(err, errs.KindConflict) {
			t.Errorf("a decision without quorum: %v", err)
		}
		for _, tr := range f.trustees[:4] {
			for _, p := range ps[:2] {
				must(t, "declare", f.svc.Declare(ctx, tr, p.ID, false, ""))
				must(t, "vote", f.svc.Vote(ctx, tr, p.ID, VoteApprove))
			}
		}
		if d, _ := f.svc.Proposal(ctx, f.trustees[0], ps[0].ID); d.Scores == nil || d.Tally.Conflicted != 1 || d.Tally.Approve != 4 {
			t.Errorf("a trustee's view: scores %v, tally %+v", d.Scores != nil, d.Tally)
		}
		// 30,108.45 received: the first (20,000) fits, the second (15,000) no longer does.
		if _, err := f.svc.Decide(ctx, f.fm, ps[0].ID); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Decide(ctx, f.fm, ps[1].ID)
		if e := errs.As(err); !errs.Is(err, errs.KindConflict) || e.Key != "err.trustfund_over_commit" || e.Args["Available"] != "10108.45" || e.Args["Requested"] != "15000.00" {
			t.Fatalf("the over-commitment: %v %+v", err, e)
		}
		g := grantOf(t, f, ps[0].ID)
		if err := f.svc.PayTranche(ctx, f.fm, g, 2); !errs.Is(err, errs.KindConflict) {
			t.Errorf("tranche 2 before the report: %v", err)
		}
		must(t, "tranche 1", f.svc.PayTranche(ctx, f.fm, g, 1))
		if err := f.svc.SubmitReport(ctx, f.ngos[1], g, Report{Narrative: "x"}); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("another NGO reports: %v", err)
		}
		must(t, "report", f.svc.SubmitReport(ctx, f.ngos[0], g, Report{Narrative: "Forty women housed.", Assisted: Beneficiaries{Women: 40},
			Expenditure: map[string]int64{"shelter_costs": 1900000, "staff": 100000}}))
		must(t, "approve the report", f.svc.DecideReport(ctx, f.fm, g, true, ""))
		must(t, "tranche 2", f.svc.PayTranche(ctx, f.fm, g, 2))
		dash, err := f.svc.PublicDashboard(ctx)
		must(t, "dashboard", err)
		if d := dash; d.CommittedMinor != 2000000 || d.DisbursedMinor != 2000000 || d.AvailableMinor != 1010845 || d.Grants != 1 {
			t.Errorf("the public account: %+v", d.Summary)
		}
		for _, n := range dash.Named {
			if strings.Contains(n, "Jane") {
				t.Error("an individual donor who did not consent is named")
			}
		}
		if dash.Individuals != 1 {
			t.Errorf("individual donors counted: %d", dash.Individuals)
		}
		// Reserve list: once money comes in, the second proposal is funded.
		p := ps[1]
		if got, _ := f.svc.Proposal(ctx, f.fm, p.ID); got.P.Status != StatusEligible {
			t.Fatalf("the refused approval changed the proposal: %s", got.P.Status)
		}
	})
}

func grantOf(t *testing.T, f *fund, proposal int64) int64 {
	t.Helper()
	d, err := f.svc.Proposal(t.Context(), f.fm, proposal)
	if err != nil || d.Grant == nil {
		t.Fatalf("no grant for proposal %d: %v", proposal, err)
	}
	return d.Grant.ID
}

// TestConcurrentApprovals: two approvals that each fit the available money
// but not together run at once; exactly one passes, on both engines.
func TestConcurrentApprovals(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFund(t, d)
		ctx := t.Context()
		_, err := f.svc.RecordContribution(ctx, f.fm, ContributionInput{DonorKind: DonorState, DonorName: "State A", Status: Received,
			Amount: "25000", Currency: "USD", Rate: "1", Channel: "direct"})
		must(t, "contribution", err)
		c := f.openCall(t)
		var ids []int64
		for i, country := range []string{"KEN", "NGA"} {
			p := f.proposal(t, f.ngos[i], c.ID, country, 2000000)
			f.voted(t, f.ngos[i], p.ID, VoteApprove)
			ids = append(ids, p.ID)
		}
		// Each approval waits after reading the ledger, so both would read
		// the same balance but for the fund's lock.
		f.svc.afterLedgerRead = func() { time.Sleep(150 * time.Millisecond) }
		var wg sync.WaitGroup
		results := make([]error, 2)
		start := make(chan struct{})
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, results[i] = f.svc.Decide(context.Background(), f.fm, id)
			}()
		}
		close(start)
		wg.Wait()
		passed := 0
		for _, err := range results {
			switch {
			case err == nil:
				passed++
			case errs.Is(err, errs.KindConflict):
			default:
				t.Errorf("an approval failed otherwise: %v", err)
			}
		}
		b, err := f.svc.Balances(ctx)
		must(t, "balances", err)
		if passed != 1 || b.Available != 500000 || b.Committed != 2000000 {
			t.Errorf("%d approvals passed; balances %+v", passed, b)
		}
	})
}

// TestTasksNoticesAndSearch: each person of a call finds what waits for
// them; a report due soon and one overdue are told once each; a funded
// project is in the one search, a proposal before its grant is not.
func TestTasksNoticesAndSearch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFund(t, d)
		ix, err := search.New(d, 1<<20)
		must(t, "index", err)
		f.svc.Index = ix
		ctx := t.Context()
		kinds := func(by *auth.Principal) []string {
			ts, err := f.svc.Tasks(ctx, by)
			must(t, "tasks", err)
			var out []string
			for _, x := range ts {
				out = append(out, x.Kind)
			}
			return out
		}
		_, err = f.svc.RecordContribution(ctx, f.fm, ContributionInput{DonorKind: DonorState, DonorName: "State A", Status: Received,
			Amount: "50000", Currency: "USD", Rate: "1", Channel: "direct"})
		must(t, "contribution", err)
		c := f.openCall(t)
		p := f.proposal(t, f.ngos[0], c.ID, "KEN", 2000000)
		if got := kinds(f.ngos[0]); !slices.Contains(got, "trustfund_draft") {
			t.Errorf("the NGO's tasks with a draft: %v", got)
		}
		_, err = f.svc.Submit(ctx, f.ngos[0], p.ID)
		must(t, "submit", err)
		if got := kinds(f.fm); !slices.Contains(got, "trustfund_screen") {
			t.Errorf("the fund manager's tasks: %v", got)
		}
		_, err = f.svc.Screen(ctx, f.fm, p.ID, true, "")
		must(t, "screen", err)
		must(t, "assign", f.svc.AssignReviewer(ctx, f.fm, p.ID, f.reviewers[0].Email))
		if got := kinds(f.reviewers[0]); !slices.Equal(got, []string{"trustfund_score"}) {
			t.Errorf("the reviewer's tasks: %v", got)
		}
		if got := kinds(f.trustees[0]); !slices.Equal(got, []string{"trustfund_vote"}) {
			t.Errorf("a trustee's tasks: %v", got)
		}
		find := func(text string) int {
			res, err := ix.Search(ctx, search.Request{Kind: DocProject, Text: text, Limit: 10})
			must(t, "search", err)
			return res.Total
		}
		if n := find("shelter KEN"); n != 0 {
			t.Errorf("a proposal without a grant is found: %d", n)
		}
		for _, tr := range f.trustees[:3] {
			must(t, "declare", f.svc.Declare(ctx, tr, p.ID, false, ""))
			must(t, "vote", f.svc.Vote(ctx, tr, p.ID, VoteApprove))
		}
		if got := kinds(f.fm); !slices.Contains(got, "trustfund_decide") {
			t.Errorf("the fund manager's tasks after the votes: %v", got)
		}
		dec, err := f.svc.Decide(ctx, f.fm, p.ID)
		must(t, "decide", err)
		if n := find("counselling beds"); n != 1 {
			t.Errorf("the funded project in the search: %d", n)
		}
		due := dec.Grant.Report.DueOn
		soon, err := f.svc.Due(ctx, due.AddDate(0, 0, -3))
		must(t, "due", err)
		late, err := f.svc.Due(ctx, due.AddDate(0, 0, 2))
		must(t, "due", err)
		if len(soon) != 1 || len(late) != 1 || soon[0].Dedupe == late[0].Dedupe || soon[0].To.Org != f.ngos[0].OrgID {
			t.Errorf("the report's reminders: %+v %+v", soon, late)
		}
		if got := kinds(f.ngos[0]); !slices.Contains(got, "trustfund_report") {
			t.Errorf("the NGO's tasks with a grant: %v", got)
		}
	})
}

// TestPledgeReceived: a pledge is promised money, counted apart; once the
// fund manager records it received (at the day's rate), it is available,
// and it cannot be received twice. The public form's pledge in euros waits
// for its rate.
func TestPledgeReceived(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFund(t, d)
		ctx := t.Context()
		c, err := f.svc.RecordContribution(ctx, f.fm, ContributionInput{DonorKind: DonorState, DonorName: "State C", Status: Pledged,
			Amount: "10000", Currency: "EUR", Rate: "1.08", Channel: "direct"})
		must(t, "pledge", err)
		eur, err := f.svc.Pledge(ctx, ContributionInput{DonorName: "", Amount: "50", Currency: "EUR"})
		must(t, "public pledge", err)
		if eur.USDMinor != 0 || eur.Donor.PublicName() != "" {
			t.Errorf("a public pledge in euros: %+v", eur)
		}
		dash, _ := f.svc.PublicDashboard(ctx)
		if dash.PledgedMinor != 1080000 || dash.AvailableMinor != 0 {
			t.Errorf("before receipt: pledged %d, available %d", dash.PledgedMinor, dash.AvailableMinor)
		}
		if _, err := f.svc.ReceivePledge(ctx, f.ngos[0], c.ID, "1.1", time.Now()); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("an NGO receives a pledge: %v", err)
		}
		got, err := f.svc.ReceivePledge(ctx, f.fm, c.ID, "1.1", time.Now())
		must(t, "receive", err)
		if got.USDMinor != 1100000 {
			t.Errorf("received at 1.1: %d", got.USDMinor)
		}
		if _, err := f.svc.ReceivePledge(ctx, f.fm, c.ID, "1.1", time.Now()); !errs.Is(err, errs.KindConflict) {
			t.Errorf("received twice: %v", err)
		}
		dash, _ = f.svc.PublicDashboard(ctx)
		if dash.PledgedMinor != 0 || dash.AvailableMinor != 1100000 || dash.ReceivedMinor != 1100000 {
			t.Errorf("after receipt: %+v", dash.Summary)
		}
	})
}

// TestReserveList: proposals the Board puts on the reserve list are
// ranked in the order decided and funded in that order once money comes,
// the first that does not fit stopping the rest.
func TestReserveList(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFund(t, d)
		ctx := t.Context()
		c := f.openCall(t)
		var ids []int64
		for i, country := range []string{"KEN", "NGA", "NPL"} {
			p := f.proposal(t, f.ngos[i], c.ID, country, 1000000+int64(i)*500000)
			f.voted(t, f.ngos[i], p.ID, VoteReserve)
			dec, err := f.svc.Decide(ctx, f.fm, p.ID)
			must(t, "decide", err)
			if dec.P.Status != StatusReserve || dec.P.ReserveRank != i+1 {
				t.Fatalf("proposal %d: %s, rank %d", i, dec.P.Status, dec.P.ReserveRank)
			}
			ids = append(ids, p.ID)
		}
		if funded, err := f.svc.FundReserve(ctx, f.fm, c.ID); err != nil || len(funded) != 0 {
			t.Errorf("with no money: funded %v, %v", funded, err)
		}
		// 25,000 received: the first (10,000) fits, the second (15,000) too,
		// the third (20,000) no longer does.
		_, err := f.svc.RecordContribution(ctx, f.fm, ContributionInput{DonorKind: DonorFoundation, DonorName: "F", Status: Received,
			Amount: "25000", Currency: "USD", Rate: "1", Channel: "event"})
		must(t, "contribution", err)
		if err := func() error { _, err := f.svc.FundReserve(ctx, f.ngos[0], c.ID); return err }(); !errs.Is(err, errs.KindForbidden) {
			t.Errorf("an NGO funds the reserve list: %v", err)
		}
		funded, err := f.svc.FundReserve(ctx, f.fm, c.ID)
		must(t, "fund the reserve list", err)
		if !slices.Equal(funded, ids[:2]) {
			t.Errorf("funded %v, want %v", funded, ids[:2])
		}
		third, _ := f.svc.Proposal(ctx, f.fm, ids[2])
		if third.P.Status != StatusReserve {
			t.Errorf("the third proposal: %s", third.P.Status)
		}
		if b, _ := f.svc.Balances(ctx); b.Available != 0 || b.Committed != 2500000 {
			t.Errorf("balances after the reserve list: %+v", b)
		}
	})
}
