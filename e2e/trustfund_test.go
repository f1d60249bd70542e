package e2e_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/trustfund"
)

var (
	tfCallPath     = regexp.MustCompile(`^/trustfund/calls/([0-9]+)$`)
	tfProposalPath = regexp.MustCompile(`^/trustfund/proposals/([0-9]+)$`)
)

// TestTrustFundCycle drives a whole call of the Small Grants Facility: the
// fund manager records a contribution and opens a call; three NGOs submit
// (one over the maximum is refused with the reason, then fixed); the fund
// manager screens them; two reviewers score; five trustees vote, one
// declaring a conflict and seeing no scores; the approvals that fit are
// granted and the one that would over-commit is refused with the amounts;
// tranche 1 is paid, the NGO's report approved, tranche 2 paid; the public
// dashboard shows the result. axe-core checks every page.
func TestTrustFundCycle(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	srv, fm := startAppWith(t, "fm@e2e.example.org", auth.RoleFundManager)
	ctx, sys := t.Context(), auth.System("test")
	countries := []string{"KEN", "NGA", "NPL"}
	var ngos []apptest.User
	for i, c := range countries {
		u := srv.CreateUserIn(t, fmt.Sprintf("ngo%d@e2e.example.org", i), "", "NGO-"+c, auth.RoleNGO)
		acc, err := srv.App.Auth.UserByEmail(ctx, sys, u.Email)
		if err != nil {
			t.Fatal(err)
		}
		by := &auth.Principal{UserID: u.ID, Roles: []auth.Role{auth.RoleNGO}, OrgID: acc.OrgID}
		if _, err := srv.App.Rooms.Trustfund.SaveOrg(ctx, by, trustfund.Org{Name: "Shelter " + c, Country: c, RegistrationNumber: "R-" + c,
			NonProfit: true, AssistingSince: 2015, BankAccount: true, PSEA: true}); err != nil {
			t.Fatal(err)
		}
		ngos = append(ngos, u)
	}
	reviewers := []apptest.User{srv.CreateUser(t, "rev1@e2e.example.org", auth.RoleReviewer), srv.CreateUser(t, "rev2@e2e.example.org", auth.RoleReviewer)}
	var trustees []apptest.User
	for i := 0; i < 5; i++ {
		trustees = append(trustees, srv.CreateUser(t, fmt.Sprintf("trustee%d@e2e.example.org", i), auth.RoleTrustee))
	}
	b := startBrowser(t, execPath, axe, srv.URL)
	var call string
	proposals := make([]string, 3)

	b.step(t, "fund_manager_records_money_verifies_and_opens_a_call", func(p *tab) {
		login(p, srv, fm)
		p.open("/trustfund/manage")
		p.do("donor", chromedp.SetValue(chromedp.CSS("#f-donor_kind"), "member_state"))
		p.fill("#f-donor_name", "State A")
		p.fill(`#contribution-form #f-amount`, "40,000")
		p.click("#record-contribution")
		if got := p.text("#available-now"); !p.exists(`#available-now[data-minor="4000000"]`) {
			p.fatalf("available after the contribution: %s", got)
		}
		for _, id := range eval[[]string](p, `[...document.querySelectorAll("#ngos [data-org]")].map(e => e.dataset.org)`) {
			p.click("#verify-" + id)
		}
		p.fill("#f-title", "Small grants 2027")
		p.do("opens", chromedp.SetValue(chromedp.CSS("#f-opens_on"), srv.App.Rooms.Trustfund.Now().AddDate(0, 0, -1).Format("2006-01-02")))
		p.do("closes", chromedp.SetValue(chromedp.CSS("#f-closes_on"), srv.App.Rooms.Trustfund.Now().AddDate(0, 1, 0).Format("2006-01-02")))
		p.click("#open-call")
		call = eval[string](p, `document.querySelector("#calls [data-call]").dataset.call`)
		logout(p)
	})
	amounts := []string{"20000", "15000", "30000"}
	b.step(t, "three_ngos_submit_one_refused_over_the_maximum", func(p *tab) {
		for i, u := range ngos {
			login(p, srv, u)
			p.open("/trustfund/calls/" + call)
			p.fill("#f-title", "Shelter in "+countries[i])
			p.click("#apply-button")
			m := tfProposalPath.FindStringSubmatch(p.path())
			if m == nil {
				p.fatalf("after applying the browser is on %s", p.path())
			}
			proposals[i] = m[1]
			typeIn(p, "#f-summary", "Beds, counselling and legal aid for women leaving exploitation.")
			p.do("country", chromedp.SetValue(chromedp.CSS("#f-country"), countries[i]))
			p.fill("#f-months", "12")
			p.fill(q("f-beneficiaries.women"), "30")
			p.check("#f-assistance-shelter")
			p.fill("#f-requested", amounts[i])
			p.do("line", chromedp.SetValue(chromedp.CSS(q("f-budget.0.category")), "shelter_costs"))
			p.fill(q("f-budget.0.amount"), amounts[i])
			p.click("#save-button")
			noConfirm(p)
			p.click("#submit-button")
			if i == 2 {
				if !p.exists(`[data-summary-error="err.trustfund_amount_limits"]`) {
					p.fatalf("the proposal over the maximum was not refused with the reason: %s", p.text("main"))
				}
				p.open("/trustfund/proposals/" + proposals[i])
				p.fill("#f-requested", "18000")
				p.fill(q("f-budget.0.amount"), "18000")
				p.click("#save-button")
				noConfirm(p)
				p.click("#submit-button")
			}
			if !p.exists(`#proposal-status[data-status="submitted"]`) {
				p.fatalf("proposal %d not submitted: %s", i, p.text("main"))
			}
			logout(p)
		}
	})
	b.step(t, "screening_and_reviewers", func(p *tab) {
		login(p, srv, fm)
		for _, id := range proposals {
			p.open("/trustfund/proposals/" + id)
			p.click("#screen-button")
			if !p.exists(`#proposal-status[data-status="eligible"]`) {
				p.fatalf("proposal %s not eligible: %s", id, p.text("main"))
			}
		}
		for _, r := range reviewers {
			p.open("/trustfund/proposals/" + proposals[0])
			p.fill("#f-email", r.Email)
			p.click("#assign-button")
		}
		logout(p)
	})
	b.step(t, "two_reviewers_score", func(p *tab) {
		for i, r := range reviewers {
			login(p, srv, r)
			p.open("/trustfund/proposals/" + proposals[0])
			if p.exists("#scores") {
				p.fatalf("reviewer %d sees scores before submitting its own", i)
			}
			for _, c := range trustfund.Rubric {
				p.do("score", chromedp.SetValue(chromedp.CSS("#f-score-"+c.Key), fmt.Sprint(4+i)))
			}
			p.click("#score-button")
			if !p.exists("#scores") {
				p.fatalf("reviewer %d sees no scores after submitting: %s", i, p.text("main"))
			}
			logout(p)
		}
	})
	// One step per trustee: each signs in and goes through the three proposals.
	for i, tr := range trustees {
		b.step(t, fmt.Sprintf("trustee_%d_votes", i+1), func(p *tab) {
			login(p, srv, tr)
			for j, id := range proposals {
				p.open("/trustfund/proposals/" + id)
				if i == 4 && j == 0 {
					p.check("#f-conflicted-yes")
					p.fill("#f-declare-reason", "Same nationality as the country of the project")
					p.click("#declare-button")
					if p.exists("#scores") || p.exists("#vote-form") {
						p.fatalf("the conflicted trustee sees the scores or may vote")
					}
					continue
				}
				p.click("#declare-button")
				p.check("#f-vote-approve")
				p.click("#vote-button")
				if !p.exists(`#my-vote[data-vote="approve"]`) {
					p.fatalf("trustee %d's vote on %s: %s", i, id, p.text("main"))
				}
			}
			logout(p)
		})
	}
	b.step(t, "approvals_that_fit_and_one_refused", func(p *tab) {
		login(p, srv, fm)
		for _, id := range proposals[:2] {
			p.open("/trustfund/proposals/" + id)
			p.click("#decide-button")
			if !p.exists(`#proposal-status[data-status="approved"]`) {
				p.fatalf("proposal %s not approved: %s", id, p.text("main"))
			}
		}
		p.open("/trustfund/proposals/" + proposals[2])
		p.click("#decide-button")
		if !p.exists(`#decision-error[data-error="err.trustfund_over_commit"]`) || !p.exists(`#proposal-status[data-status="eligible"]`) {
			p.fatalf("the over-commitment was not refused: %s", p.text("main"))
		}
		p.open("/trustfund/proposals/" + proposals[0])
		p.click("#grant-link")
		p.click("#pay-1")
		if !p.exists(`#tranches [data-tranche="1"][data-paid="true"]`) {
			p.fatalf("tranche 1 not paid: %s", p.text("main"))
		}
		logout(p)
	})
	var grant string
	b.step(t, "report_submitted_approved_tranche_two", func(p *tab) {
		login(p, srv, ngos[0])
		p.open("/trustfund/grants")
		p.click("#grants tbody a")
		grant = p.path()
		typeIn(p, "#f-narrative", "Thirty women were housed and counselled.")
		p.fill(q("f-assisted.women"), "30")
		p.fill(q("f-expenditure.shelter_costs"), "20000")
		p.click("#report-button")
		if !p.exists(`#report-status[data-status="submitted"]`) {
			p.fatalf("the report is not submitted: %s", p.text("main"))
		}
		logout(p)
		login(p, srv, fm)
		p.open(grant)
		p.click("#report-decide-button")
		p.click("#pay-2")
		if !p.exists(`#tranches [data-tranche="2"][data-paid="true"]`) || !p.exists(`#grant-status[data-status="closed"]`) {
			p.fatalf("tranche 2 not paid: %s", p.text("main"))
		}
		logout(p)
	})
	b.step(t, "public_dashboard", func(p *tab) {
		p.open("/trustfund")
		for sel, want := range map[string]string{"#committed": "3500000", "#disbursed": "2000000", "#available": "500000"} {
			if got := eval[string](p, fmt.Sprintf(`document.querySelector(%q).dataset.minor`, sel)); got != want {
				p.errorf("%s: %s, want %s", sel, got, want)
			}
		}
		if n := eval[int](p, `document.querySelectorAll("#projects [data-grant]").length`); n != 2 {
			p.errorf("%d funded projects shown, want 2", n)
		}
	})
}
