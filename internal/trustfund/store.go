package trustfund

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

func list(s []string) string { return strings.Join(s, ",") }

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// lockMoney takes the fund's one lock row for the transaction: every
// change of money runs after it, so two approvals never both read the same
// available balance (PostgreSQL waits on the row; SQLite has one writer).
func lockMoney(ctx context.Context, tx *sql.Tx) error {
	return db.Exec(ctx, tx, "lock the fund", `UPDATE trustfund_lock SET id = id WHERE id = 1`)
}

func ledgerEntries(ctx context.Context, tx *sql.Tx) ([]Entry, error) {
	return db.List(ctx, tx, "read the ledger", func(row db.Scanner) (Entry, error) {
		var e Entry
		err := row.Scan(&e.Kind, &e.Grant, &e.USD)
		return e, err
	}, `SELECT kind, grant_id, usd_minor FROM trustfund_ledger ORDER BY id`)
}

func insertEntry(ctx context.Context, tx *sql.Tx, e Entry, contribution int64, note, by string) error {
	return db.Exec(ctx, tx, "write a ledger entry", `INSERT INTO trustfund_ledger (kind, grant_id, contribution_id, usd_minor, note,
		recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, e.Kind, e.Grant, contribution, e.USD, note, by, db.Now())
}

func insertDonor(ctx context.Context, tx *sql.Tx, d *Donor) error {
	return tx.QueryRowContext(ctx, `INSERT INTO trustfund_donors (kind, name, country, email, consent_named, demo, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, d.Kind, d.Name, d.Country, d.Email, d.ConsentNamed, d.Demo, d.CreatedAt).Scan(&d.ID)
}

func scanDonor(row db.Scanner) (*Donor, error) {
	var d Donor
	err := row.Scan(&d.ID, &d.Kind, &d.Name, &d.Country, &d.Email, &d.ConsentNamed, &d.Demo, &d.CreatedAt)
	d.CreatedAt = d.CreatedAt.UTC()
	return &d, err
}

func listDonors(ctx context.Context, tx *sql.Tx) ([]*Donor, error) {
	return db.List(ctx, tx, "list donors", scanDonor, `SELECT id, kind, name, country, email, consent_named, demo, created_at
		FROM trustfund_donors ORDER BY kind, name`)
}

func getDonor(ctx context.Context, tx *sql.Tx, id int64) (*Donor, error) {
	d, err := scanDonor(tx.QueryRowContext(ctx, `SELECT id, kind, name, country, email, consent_named, demo, created_at
		FROM trustfund_donors WHERE id = $1`, id))
	return d, db.NotFound(err)
}

func insertContribution(ctx context.Context, tx *sql.Tx, c *Contribution, by string) error {
	return tx.QueryRowContext(ctx, `INSERT INTO trustfund_contributions (donor_id, status, amount_minor, currency, rate, usd_minor,
		earmark, channel, message, pledged_on, received_on, recorded_by, created_at, demo)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
		c.DonorID, c.Status, c.AmountMinor, c.Currency, c.Rate, c.USDMinor, c.Earmark, c.Channel, c.Message,
		dateOrNil(c.PledgedOn), dateOrNil(c.ReceivedOn), by, c.CreatedAt, c.Demo).Scan(&c.ID)
}

func dateOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return db.DateArg(*t)
}

func scanContribution(row db.Scanner) (*Contribution, error) {
	var c Contribution
	var pledged, received time.Time
	err := row.Scan(&c.ID, &c.DonorID, &c.Status, &c.AmountMinor, &c.Currency, &c.Rate, &c.USDMinor, &c.Earmark, &c.Channel,
		&c.Message, db.DateInto(&pledged), db.DateInto(&received), &c.CreatedAt, &c.Demo)
	if !pledged.IsZero() {
		c.PledgedOn = &pledged
	}
	if !received.IsZero() {
		c.ReceivedOn = &received
	}
	c.CreatedAt = c.CreatedAt.UTC()
	return &c, err
}

const contributionCols = `id, donor_id, status, amount_minor, currency, rate, usd_minor, earmark, channel, message, pledged_on,
	received_on, created_at, demo`

func listContributions(ctx context.Context, tx *sql.Tx) ([]*Contribution, error) {
	return db.List(ctx, tx, "list contributions", scanContribution, `SELECT `+contributionCols+` FROM trustfund_contributions
		ORDER BY COALESCE(received_on, pledged_on) DESC, id DESC`)
}

func getContribution(ctx context.Context, tx *sql.Tx, id int64) (*Contribution, error) {
	c, err := scanContribution(tx.QueryRowContext(ctx, `SELECT `+contributionCols+` FROM trustfund_contributions WHERE id = $1`, id))
	return c, db.NotFound(err)
}

func markReceived(ctx context.Context, tx *sql.Tx, c *Contribution) error {
	return db.Exec(ctx, tx, "mark a pledge received", `UPDATE trustfund_contributions SET status = $2, received_on = $3, rate = $4,
		usd_minor = $5 WHERE id = $1`, c.ID, c.Status, dateOrNil(c.ReceivedOn), c.Rate, c.USDMinor)
}

const callCols = `id, title, description, opens_at, closes_at, time_zone, countries, priorities, min_minor, max_minor, max_months,
	documents, created_at, demo`

func scanCall(row db.Scanner) (*Call, error) {
	var c Call
	var countries, priorities, documents string
	err := row.Scan(&c.ID, &c.Title, &c.Description, &c.OpensAt, &c.ClosesAt, &c.TimeZone, &countries, &priorities, &c.MinMinor,
		&c.MaxMinor, &c.MaxMonths, &documents, &c.CreatedAt, &c.Demo)
	c.Countries, c.Priorities, c.Documents = split(countries), split(priorities), split(documents)
	c.OpensAt, c.ClosesAt, c.CreatedAt = c.OpensAt.UTC(), c.ClosesAt.UTC(), c.CreatedAt.UTC()
	return &c, err
}

func listCalls(ctx context.Context, tx *sql.Tx) ([]*Call, error) {
	return db.List(ctx, tx, "list calls", scanCall, `SELECT `+callCols+` FROM trustfund_calls ORDER BY closes_at DESC, id DESC`)
}

func getCall(ctx context.Context, tx *sql.Tx, id int64) (*Call, error) {
	c, err := scanCall(tx.QueryRowContext(ctx, `SELECT `+callCols+` FROM trustfund_calls WHERE id = $1`, id))
	return c, db.NotFound(err)
}

func insertCall(ctx context.Context, tx *sql.Tx, c *Call, by string) error {
	return tx.QueryRowContext(ctx, `INSERT INTO trustfund_calls (title, description, opens_at, closes_at, time_zone, countries,
		priorities, min_minor, max_minor, max_months, documents, created_by, created_at, demo)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`, c.Title, c.Description, c.OpensAt,
		c.ClosesAt, c.TimeZone, list(c.Countries), list(c.Priorities), c.MinMinor, c.MaxMinor, c.MaxMonths, list(c.Documents), by,
		c.CreatedAt, c.Demo).Scan(&c.ID)
}

const orgCols = `org_id, name, country, registration_number, non_profit, assisting_since, bank_account, psea_policy, profile,
	verified_at, updated_at, demo`

func scanOrg(row db.Scanner) (*Org, error) {
	var o Org
	var verified sql.NullTime
	err := row.Scan(&o.OrgID, &o.Name, &o.Country, &o.RegistrationNumber, &o.NonProfit, &o.AssistingSince, &o.BankAccount, &o.PSEA,
		&o.Profile, &verified, &o.UpdatedAt, &o.Demo)
	o.VerifiedAt, o.UpdatedAt = db.TimeOf(verified), o.UpdatedAt.UTC()
	return &o, err
}

func getOrg(ctx context.Context, tx *sql.Tx, id int64) (*Org, error) {
	o, err := scanOrg(tx.QueryRowContext(ctx, `SELECT `+orgCols+` FROM trustfund_orgs WHERE org_id = $1`, id))
	return o, db.NotFound(err)
}

func listOrgs(ctx context.Context, tx *sql.Tx) ([]*Org, error) {
	return db.List(ctx, tx, "list NGOs", scanOrg, `SELECT `+orgCols+` FROM trustfund_orgs ORDER BY name`)
}

// saveOrg writes an NGO's profile; any change takes the verification away.
func saveOrg(ctx context.Context, tx *sql.Tx, o *Org) error {
	return db.Exec(ctx, tx, "save an NGO profile", `INSERT INTO trustfund_orgs (org_id, name, country, registration_number, non_profit,
		assisting_since, bank_account, psea_policy, profile, verified_at, verified_by, updated_at, demo)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, '', $10, $11) ON CONFLICT (org_id) DO UPDATE SET name = excluded.name,
		country = excluded.country, registration_number = excluded.registration_number, non_profit = excluded.non_profit,
		assisting_since = excluded.assisting_since, bank_account = excluded.bank_account, psea_policy = excluded.psea_policy,
		profile = excluded.profile, verified_at = NULL, verified_by = '', updated_at = excluded.updated_at`,
		o.OrgID, o.Name, o.Country, o.RegistrationNumber, o.NonProfit, o.AssistingSince, o.BankAccount, o.PSEA, o.Profile, o.UpdatedAt, o.Demo)
}

func verifyOrg(ctx context.Context, tx *sql.Tx, id int64, at time.Time, by string) error {
	return db.Exec(ctx, tx, "verify an NGO", `UPDATE trustfund_orgs SET verified_at = $2, verified_by = $3 WHERE org_id = $1`, id, at, by)
}

const proposalCols = `p.id, p.call_id, p.org_id, COALESCE(o.name, ''), p.status, p.title, p.summary, p.country, p.months,
	p.beneficiaries, p.assistance, p.requested_minor, p.screening, p.decision_note, p.reserve_rank, p.submitted_at, p.decided_at,
	p.created_at, p.updated_at, p.demo`

const proposalFrom = ` FROM trustfund_proposals p LEFT JOIN trustfund_orgs o ON o.org_id = p.org_id`

func scanProposal(row db.Scanner) (*Proposal, error) {
	var p Proposal
	var benef, assistance string
	var submitted, decided sql.NullTime
	if err := row.Scan(&p.ID, &p.CallID, &p.OrgID, &p.OrgName, &p.Status, &p.Title, &p.Summary, &p.Country, &p.Months, &benef,
		&assistance, &p.RequestedMinor, &p.Screening, &p.DecisionNote, &p.ReserveRank, &submitted, &decided, &p.CreatedAt,
		&p.UpdatedAt, &p.Demo); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(benef), &p.Beneficiaries); err != nil {
		return nil, err
	}
	p.Assistance, p.SubmittedAt, p.DecidedAt = split(assistance), db.TimeOf(submitted), db.TimeOf(decided)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

func getProposal(ctx context.Context, tx *sql.Tx, id int64) (*Proposal, error) {
	p, err := scanProposal(tx.QueryRowContext(ctx, `SELECT `+proposalCols+proposalFrom+` WHERE p.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err)
	}
	p.Budget, err = budgetOf(ctx, tx, id)
	return p, err
}

// listProposals lists a call's proposals (call 0: every call), an
// organisation's only when org is set.
func listProposals(ctx context.Context, tx *sql.Tx, call, org int64) ([]*Proposal, error) {
	return db.List(ctx, tx, "list proposals", scanProposal, `SELECT `+proposalCols+proposalFrom+`
		WHERE ($1 = 0 OR p.call_id = $1) AND ($2 = 0 OR p.org_id = $2) ORDER BY p.call_id DESC, p.id`, call, org)
}

func budgetOf(ctx context.Context, tx *sql.Tx, id int64) ([]BudgetLine, error) {
	return db.List(ctx, tx, "read a budget", func(row db.Scanner) (BudgetLine, error) {
		var l BudgetLine
		err := row.Scan(&l.Category, &l.Description, &l.AmountMinor)
		return l, err
	}, `SELECT category, description, amount_minor FROM trustfund_budget_lines WHERE proposal_id = $1 ORDER BY position`, id)
}

func insertProposal(ctx context.Context, tx *sql.Tx, p *Proposal, by string) error {
	b, _ := json.Marshal(p.Beneficiaries)
	err := tx.QueryRowContext(ctx, `INSERT INTO trustfund_proposals (call_id, org_id, status, title, summary, country, months,
		beneficiaries, assistance, requested_minor, created_by, created_at, updated_at, demo)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id`, p.CallID, p.OrgID, p.Status, p.Title,
		p.Summary, p.Country, p.Months, string(b), list(p.Assistance), p.RequestedMinor, by, p.CreatedAt, p.Demo).Scan(&p.ID)
	if db.IsUniqueViolation(err) {
		return errs.Conflict("err.trustfund_one_proposal")
	}
	if err != nil {
		return err
	}
	return writeBudget(ctx, tx, p)
}

func updateProposal(ctx context.Context, tx *sql.Tx, p *Proposal) error {
	b, _ := json.Marshal(p.Beneficiaries)
	if err := db.Exec(ctx, tx, "save a proposal", `UPDATE trustfund_proposals SET title = $2, summary = $3, country = $4, months = $5,
		beneficiaries = $6, assistance = $7, requested_minor = $8, updated_at = $9 WHERE id = $1`, p.ID, p.Title, p.Summary, p.Country,
		p.Months, string(b), list(p.Assistance), p.RequestedMinor, p.UpdatedAt); err != nil {
		return err
	}
	if err := db.Exec(ctx, tx, "clear a budget", `DELETE FROM trustfund_budget_lines WHERE proposal_id = $1`, p.ID); err != nil {
		return err
	}
	return writeBudget(ctx, tx, p)
}

func writeBudget(ctx context.Context, tx *sql.Tx, p *Proposal) error {
	for i, l := range p.Budget {
		if err := db.Exec(ctx, tx, "write a budget line", `INSERT INTO trustfund_budget_lines (proposal_id, position, category,
			description, amount_minor) VALUES ($1, $2, $3, $4, $5)`, p.ID, i, l.Category, l.Description, l.AmountMinor); err != nil {
			return err
		}
	}
	return nil
}

func setProposalStatus(ctx context.Context, tx *sql.Tx, p *Proposal) error {
	return db.Exec(ctx, tx, "set a proposal's status", `UPDATE trustfund_proposals SET status = $2, screening = $3, decision_note = $4,
		reserve_rank = $5, submitted_at = $6, decided_at = $7, updated_at = $8 WHERE id = $1`, p.ID, p.Status, p.Screening,
		p.DecisionNote, p.ReserveRank, db.NullTime(p.SubmittedAt), db.NullTime(p.DecidedAt), p.UpdatedAt)
}
