package trustfund

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
)

// Limits on what a person types.
const (
	maxTitle   = 200
	maxText    = 10_000
	maxLines   = 30
	maxPeople  = 1_000_000
	maxMonths  = 60
	maxCountry = 300
)

func tooLong(s string, n int) bool { return len([]rune(s)) > n }

// ValidateDraft checks what a draft may hold at all (it may still be
// incomplete): lengths, known values, a budget of sane lines.
func (p *Proposal) ValidateDraft(known func(string) bool) error {
	bad := errs.Invalid()
	p.Title, p.Summary = strings.TrimSpace(p.Title), strings.TrimSpace(p.Summary)
	if p.Title == "" {
		bad.Field("title", "err.required")
	} else if tooLong(p.Title, maxTitle) {
		bad.Field("title", "err.trustfund_too_long", "Max", maxTitle)
	}
	if tooLong(p.Summary, maxText) {
		bad.Field("summary", "err.trustfund_too_long", "Max", maxText)
	}
	if p.Country != "" && !known(p.Country) {
		bad.Field("country", "err.country_unknown")
	}
	if p.Months < 0 || p.Months > maxMonths {
		bad.Field("months", "err.trustfund_months", "Max", maxMonths)
	}
	b := p.Beneficiaries
	for name, n := range map[string]int{"women": b.Women, "men": b.Men, "girls": b.Girls, "boys": b.Boys} {
		if n < 0 || n > maxPeople {
			bad.Field("beneficiaries."+name, "err.trustfund_people")
		}
	}
	for _, a := range p.Assistance {
		if !slices.Contains(AssistanceTypes, a) {
			bad.Field("assistance", "err.trustfund_bad_choice")
		}
	}
	if len(p.Budget) > maxLines {
		bad.Field("budget", "err.trustfund_too_many_lines", "Max", maxLines)
	}
	for i, l := range p.Budget {
		if !slices.Contains(BudgetCategories, l.Category) {
			bad.Field(budgetField(i, "category"), "err.trustfund_bad_choice")
		}
		if l.AmountMinor <= 0 {
			bad.Field(budgetField(i, "amount"), "err.trustfund_amount")
		}
		if tooLong(l.Description, maxTitle) {
			bad.Field(budgetField(i, "description"), "err.trustfund_too_long", "Max", maxTitle)
		}
	}
	return bad.OrNil()
}

// budgetField names part of budget line i (from 0) in errors and forms.
func budgetField(i int, part string) string { return fmt.Sprintf("budget.%d.%s", i, part) }

// BudgetTotal sums the budget lines.
func (p *Proposal) BudgetTotal() int64 {
	var n int64
	for _, l := range p.Budget {
		n += l.AmountMinor
	}
	return n
}

// ValidateSubmission checks a proposal against its call before it goes in:
// complete, the budget summing to the amount requested, the amount within
// the call's limits, the duration within its maximum, the country
// eligible, submitted while the call is open.
func (p *Proposal) ValidateSubmission(c *Call, now time.Time) error {
	bad := errs.Invalid()
	if !c.OpenAt(now) {
		return errs.Conflict("err.trustfund_call_closed")
	}
	if p.Summary == "" {
		bad.Field("summary", "err.required")
	}
	if p.Country == "" {
		bad.Field("country", "err.required")
	} else if !c.Eligible(p.Country) {
		bad.Field("country", "err.trustfund_country_not_eligible")
	}
	if p.Months < 1 || p.Months > c.MaxMonths {
		bad.Field("months", "err.trustfund_months", "Max", c.MaxMonths)
	}
	if p.Beneficiaries.Total() == 0 {
		bad.Field("beneficiaries.women", "err.trustfund_no_beneficiaries")
	}
	if len(p.Assistance) == 0 {
		bad.Field("assistance", "err.required")
	}
	if len(p.Budget) == 0 {
		bad.Field("budget", "err.trustfund_no_budget")
	}
	total := p.BudgetTotal()
	switch {
	case p.RequestedMinor < c.MinMinor || p.RequestedMinor > c.MaxMinor:
		bad.Field("requested", "err.trustfund_amount_limits", "Amount", FormatMinor(p.RequestedMinor, "USD"),
			"Min", FormatMinor(c.MinMinor, "USD"), "Max", FormatMinor(c.MaxMinor, "USD"))
	case total != p.RequestedMinor:
		bad.Field("requested", "err.trustfund_budget_sum", "Total", FormatMinor(total, "USD"), "Amount", FormatMinor(p.RequestedMinor, "USD"))
	}
	return bad.OrNil()
}

// Check is one automatic eligibility check and whether it passed.
type Check struct {
	Criterion string `json:"criterion"`
	Passed    bool   `json:"passed"`
}

// Eligibility runs the automatic checks of a proposal's NGO against the
// call: a registered non-profit in the country of implementation, at least
// one year of direct assistance to victims before the call opened, a bank
// account in its name, measures against sexual exploitation and abuse, and
// its profile verified by the fund manager.
func Eligibility(o *Org, p *Proposal, c *Call) []Check {
	if o == nil {
		o = &Org{}
	}
	return []Check{
		{"verified", o.VerifiedAt != nil},
		{"non_profit", o.NonProfit && o.Country == p.Country},
		{"one_year_assistance", o.AssistingSince > 0 && o.AssistingSince < c.OpensAt.Year()},
		{"bank_account", o.BankAccount},
		{"psea", o.PSEA},
	}
}

// AllPassed reports whether every check passed.
func AllPassed(cs []Check) bool {
	return !slices.ContainsFunc(cs, func(c Check) bool { return !c.Passed })
}

// ValidateCall checks a call a fund manager opens.
func (c *Call) Validate(known func(string) bool) error {
	bad := errs.Invalid()
	c.Title = strings.TrimSpace(c.Title)
	if c.Title == "" {
		bad.Field("title", "err.required")
	} else if tooLong(c.Title, maxTitle) {
		bad.Field("title", "err.trustfund_too_long", "Max", maxTitle)
	}
	if tooLong(c.Description, maxText) {
		bad.Field("description", "err.trustfund_too_long", "Max", maxText)
	}
	if !c.ClosesAt.After(c.OpensAt) {
		bad.Field("closes_at", "err.trustfund_window")
	}
	if c.MinMinor <= 0 || c.MaxMinor < c.MinMinor {
		bad.Field("max", "err.trustfund_limits")
	}
	if c.MaxMonths < 1 || c.MaxMonths > maxMonths {
		bad.Field("max_months", "err.trustfund_months", "Max", maxMonths)
	}
	if len(c.Countries) > maxCountry {
		bad.Field("countries", "err.trustfund_bad_choice")
	}
	for _, iso3 := range c.Countries {
		if !known(iso3) {
			bad.Field("countries", "err.country_unknown")
			break
		}
	}
	for _, a := range c.Priorities {
		if !slices.Contains(AssistanceTypes, a) {
			bad.Field("priorities", "err.trustfund_bad_choice")
			break
		}
	}
	return bad.OrNil()
}
