package trustfund

import (
	"slices"
	"time"
)

// DonorKind is who gives.
type DonorKind string

const (
	DonorState      DonorKind = "member_state"
	DonorPrivate    DonorKind = "private_sector"
	DonorFoundation DonorKind = "foundation"
	DonorIndividual DonorKind = "individual"
)

// DonorKinds lists the kinds in the order the dashboard shows them.
var DonorKinds = []DonorKind{DonorState, DonorPrivate, DonorFoundation, DonorIndividual}

// Channels are the ways a contribution comes in.
var Channels = []string{"direct", "event", "branded_goods", "corporate_sponsorship", "online_pledge"}

// Donor is a giver. An individual is published only in the aggregate,
// unless they consented to be named.
type Donor struct {
	ID           int64     `json:"id"`
	Kind         DonorKind `json:"kind"`
	Name         string    `json:"name"`
	Country      string    `json:"country,omitempty"`
	Email        string    `json:"-"`
	ConsentNamed bool      `json:"consent_named"`
	Demo         bool      `json:"demo"`
	CreatedAt    time.Time `json:"created_at"`
}

// PublicName is the donor's name as public pages print it: an individual
// without consent is not named.
func (d *Donor) PublicName() string {
	if d.Kind == DonorIndividual && !d.ConsentNamed {
		return ""
	}
	return d.Name
}

// Contribution statuses: promised, or received.
const (
	Pledged  = "pledged"
	Received = "received"
)

// Contribution is money given or promised, in its own currency with the
// rate used and its USD value.
type Contribution struct {
	ID          int64      `json:"id"`
	DonorID     int64      `json:"donor_id"`
	Donor       *Donor     `json:"-"`
	Status      string     `json:"status"`
	AmountMinor int64      `json:"amount_minor"`
	Currency    string     `json:"currency"`
	Rate        string     `json:"rate"`
	USDMinor    int64      `json:"usd_minor"`
	Earmark     string     `json:"earmark,omitempty"`
	Channel     string     `json:"channel"`
	Message     string     `json:"-"`
	PledgedOn   *time.Time `json:"pledged_on,omitempty"`
	ReceivedOn  *time.Time `json:"received_on,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	Demo        bool       `json:"demo"`
}

// Exp is the number of decimals of the contribution's currency.
func (c *Contribution) Exp() int {
	n, _ := Exponent(c.Currency)
	return n
}

// Assistance types a proposal offers victims.
var AssistanceTypes = []string{"shelter", "medical", "psychological", "legal", "reintegration", "education", "livelihood",
	"repatriation", "other"}

// Eligibility criteria a call requires, checked against the NGO's profile.
var Criteria = []string{"non_profit", "one_year_assistance", "bank_account", "psea"}

// BudgetCategories are the lines a budget is made of.
var BudgetCategories = []string{"staff", "direct_assistance", "shelter_costs", "travel", "equipment", "training", "other"}

// Call is a call for proposals of the Small Grants Facility.
type Call struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	OpensAt     time.Time `json:"opens_at"`
	ClosesAt    time.Time `json:"closes_at"`
	TimeZone    string    `json:"time_zone"`
	Countries   []string  `json:"countries"`  // empty: every country
	Priorities  []string  `json:"priorities"` // assistance types the call favours
	MinMinor    int64     `json:"min_minor"`  // USD cents
	MaxMinor    int64     `json:"max_minor"`
	MaxMonths   int       `json:"max_months"`
	Documents   []string  `json:"documents"` // the documents a proposal attaches
	CreatedAt   time.Time `json:"created_at"`
	Demo        bool      `json:"demo"`
}

// OpenAt reports whether proposals may be submitted at t.
func (c *Call) OpenAt(t time.Time) bool { return !t.Before(c.OpensAt) && t.Before(c.ClosesAt) }

// Eligible reports whether the call takes proposals for country iso3.
func (c *Call) Eligible(iso3 string) bool {
	return len(c.Countries) == 0 || slices.Contains(c.Countries, iso3)
}

// Org is an NGO's profile for the fund, beside its account organisation.
type Org struct {
	OrgID              int64      `json:"org_id"`
	Name               string     `json:"name"`
	Country            string     `json:"country"`
	RegistrationNumber string     `json:"registration_number"`
	NonProfit          bool       `json:"non_profit"`
	AssistingSince     int        `json:"assisting_since"`
	BankAccount        bool       `json:"bank_account"`
	PSEA               bool       `json:"psea_policy"`
	Profile            string     `json:"profile"`
	VerifiedAt         *time.Time `json:"verified_at,omitempty"`
	UpdatedAt          time.Time  `json:"updated_at"`
	Demo               bool       `json:"demo"`
}

// Proposal statuses, in the order a proposal moves through them.
const (
	StatusDraft      = "draft"
	StatusSubmitted  = "submitted"
	StatusEligible   = "eligible"
	StatusIneligible = "ineligible"
	StatusApproved   = "approved"
	StatusRejected   = "rejected"
	StatusReserve    = "reserve"
)

// ProposalStatuses lists them.
var ProposalStatuses = []string{StatusDraft, StatusSubmitted, StatusEligible, StatusIneligible, StatusApproved, StatusRejected, StatusReserve}

// Beneficiaries are the people a proposal will assist, by sex and age.
type Beneficiaries struct {
	Women int `json:"women"`
	Men   int `json:"men"`
	Girls int `json:"girls"`
	Boys  int `json:"boys"`
}

// Total is everyone.
func (b Beneficiaries) Total() int { return b.Women + b.Men + b.Girls + b.Boys }

// BudgetLine is one line of a proposal's budget, in USD cents.
type BudgetLine struct {
	Category    string `json:"category"`
	Description string `json:"description"`
	AmountMinor int64  `json:"amount_minor"`
}

// Proposal is an NGO's application to a call.
type Proposal struct {
	ID             int64         `json:"id"`
	CallID         int64         `json:"call_id"`
	OrgID          int64         `json:"org_id"`
	OrgName        string        `json:"org_name"`
	Status         string        `json:"status"`
	Title          string        `json:"title"`
	Summary        string        `json:"summary"`
	Country        string        `json:"country"`
	Months         int           `json:"months"`
	Beneficiaries  Beneficiaries `json:"beneficiaries"`
	Assistance     []string      `json:"assistance"`
	RequestedMinor int64         `json:"requested_minor"`
	Budget         []BudgetLine  `json:"budget"`
	Screening      string        `json:"screening,omitempty"`
	DecisionNote   string        `json:"decision_note,omitempty"`
	ReserveRank    int           `json:"reserve_rank,omitempty"`
	SubmittedAt    *time.Time    `json:"submitted_at,omitempty"`
	DecidedAt      *time.Time    `json:"decided_at,omitempty"`
	CreatedAt      time.Time     `json:"created_at"`
	UpdatedAt      time.Time     `json:"updated_at"`
	Demo           bool          `json:"demo"`
}

// Editable reports whether the NGO may still change it.
func (p *Proposal) Editable() bool { return p.Status == StatusDraft }

// Criterion is one line of the technical assessment's rubric.
type Criterion struct {
	Key    string
	Weight int // percent
}

// Rubric is the weighted rubric reviewers score on, 1 to 5 each.
var Rubric = []Criterion{{"relevance", 25}, {"direct_assistance", 30}, {"feasibility", 20}, {"capacity", 15}, {"sustainability", 10}}

// Score is one reviewer's score on one criterion.
type Score struct {
	UserID    int64  `json:"-"`
	Reviewer  string `json:"reviewer"`
	Criterion string `json:"criterion"`
	Score     int    `json:"score"`
	Comment   string `json:"comment"`
}

// WeightedScore is the rubric's weighted mean of scores (every reviewer's
// every criterion), in hundredths of a point (1.00–5.00 as 100–500), or 0
// without scores. Integer arithmetic: rankings do not depend on rounding.
func WeightedScore(scores []Score) int {
	weight := map[string]int{}
	for _, c := range Rubric {
		weight[c.Key] = c.Weight
	}
	num, den := 0, 0
	for _, s := range scores {
		num += s.Score * weight[s.Criterion] * 100
		den += weight[s.Criterion]
	}
	if den == 0 {
		return 0
	}
	return (num + den/2) / den
}

// Votes of a trustee.
const (
	VoteApprove = "approve"
	VoteReject  = "reject"
	VoteReserve = "reserve"
)

// Votes lists them.
var Votes = []string{VoteApprove, VoteReject, VoteReserve}

// Board rules: five trustees, three votes make a quorum.
const (
	BoardSize = 5
	Quorum    = 3
)

// Tally is the count of a proposal's votes.
type Tally struct {
	Approve, Reject, Reserve, Conflicted int
}

// Cast is how many votes were cast.
func (t Tally) Cast() int { return t.Approve + t.Reject + t.Reserve }

// Outcome is the Board's decision from the tally: nothing before a quorum
// of votes; else the option with the most votes, a tie going to the
// reserve list (neither approved nor lost).
func (t Tally) Outcome() string {
	if t.Cast() < Quorum {
		return ""
	}
	switch {
	case t.Approve > t.Reject && t.Approve > t.Reserve:
		return StatusApproved
	case t.Reject > t.Approve && t.Reject > t.Reserve:
		return StatusRejected
	}
	return StatusReserve
}

// Grant is an approved proposal's agreement.
type Grant struct {
	ID          int64      `json:"id"`
	ProposalID  int64      `json:"proposal_id"`
	Proposal    *Proposal  `json:"-"`
	AmountMinor int64      `json:"amount_minor"`
	StartsOn    time.Time  `json:"starts_on"`
	EndsOn      time.Time  `json:"ends_on"`
	Status      string     `json:"status"` // active, closed
	Tranches    []*Tranche `json:"tranches"`
	Report      *Report    `json:"report,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
}

// Tranche conditions.
const (
	OnSignature   = "signature"
	OnFinalReport = "final_report"
)

// Tranche is one payment of a grant and the condition it waits for.
type Tranche struct {
	ID          int64      `json:"id"`
	GrantID     int64      `json:"-"`
	Position    int        `json:"position"`
	Percent     int        `json:"percent"`
	AmountMinor int64      `json:"amount_minor"`
	Condition   string     `json:"condition"`
	PaidAt      *time.Time `json:"paid_at,omitempty"`
}

// Tranches splits amount into the standard 70% on signature and 30% on the
// approved final report; the last tranche takes the rounding, so they sum
// to the amount exactly.
func Tranches(amount int64) []*Tranche {
	first := amount * 70 / 100
	return []*Tranche{{Position: 1, Percent: 70, AmountMinor: first, Condition: OnSignature},
		{Position: 2, Percent: 30, AmountMinor: amount - first, Condition: OnFinalReport}}
}

// Report statuses.
const (
	ReportDue       = "due"
	ReportSubmitted = "submitted"
	ReportApproved  = "approved"
	ReportReturned  = "returned"
)

// Report is a grantee's final narrative and financial report.
type Report struct {
	ID          int64            `json:"id"`
	GrantID     int64            `json:"-"`
	Kind        string           `json:"kind"`
	DueOn       time.Time        `json:"due_on"`
	Status      string           `json:"status"`
	Narrative   string           `json:"narrative"`
	Expenditure map[string]int64 `json:"expenditure"` // budget category → USD cents spent
	Assisted    Beneficiaries    `json:"assisted"`
	Note        string           `json:"note,omitempty"`
	SubmittedAt *time.Time       `json:"submitted_at,omitempty"`
	DecidedAt   *time.Time       `json:"decided_at,omitempty"`
}

// Overdue reports whether the report is late on day.
func (r *Report) Overdue(day time.Time) bool {
	return (r.Status == ReportDue || r.Status == ReportReturned) && day.After(r.DueOn)
}

// YearlyTarget is the small grants the strategy promises each year, in USD cents.
const YearlyTarget int64 = 500_000_00
