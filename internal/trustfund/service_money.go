package trustfund

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// ContributionInput is a contribution as a fund manager records it, or a
// pledge as the public form takes it.
type ContributionInput struct {
	DonorID      int64 // an existing donor, or a new one from the fields below
	DonorKind    DonorKind
	DonorName    string
	DonorCountry string
	Email        string
	ConsentNamed bool
	Status       string // pledged or received
	Amount       string // as typed
	Currency     string
	Rate         string // USD per unit; "1" for USD
	Earmark      string
	Channel      string
	Message      string
	On           time.Time // the day pledged or received
}

// RecordContribution records a pledge or a receipt: fund managers.
func (s *Service) RecordContribution(ctx context.Context, by *auth.Principal, in ContributionInput) (*Contribution, error) {
	if err := auth.Require(by, managers...); err != nil {
		return nil, err
	}
	return s.contribute(ctx, by, in, false)
}

// Pledge records a pledge from the public form: an individual donor,
// named publicly only with consent. No money moves here.
func (s *Service) Pledge(ctx context.Context, in ContributionInput) (*Contribution, error) {
	in.DonorID, in.DonorKind, in.Status, in.Channel, in.Earmark = 0, DonorIndividual, Pledged, "online_pledge", ""
	in.On = s.now()
	in.Rate = ""
	if strings.ToUpper(strings.TrimSpace(in.Currency)) == "USD" {
		in.Rate = "1"
	}
	if strings.TrimSpace(in.DonorName) == "" {
		in.DonorName, in.ConsentNamed = "—", false
	}
	return s.contribute(ctx, auth.System("public pledge"), in, false)
}

func (s *Service) contribute(ctx context.Context, by *auth.Principal, in ContributionInput, demo bool) (*Contribution, error) {
	bad := errs.Invalid()
	c := &Contribution{Status: in.Status, Currency: strings.ToUpper(strings.TrimSpace(in.Currency)), Earmark: strings.TrimSpace(in.Earmark),
		Channel: in.Channel, Message: strings.TrimSpace(in.Message), CreatedAt: s.now(), Demo: demo}
	if c.Status != Pledged && c.Status != Received {
		bad.Field("status", "err.trustfund_bad_choice")
	}
	if !slices.Contains(Channels, c.Channel) {
		bad.Field("channel", "err.trustfund_bad_choice")
	}
	if tooLong(c.Message, 2_000) || tooLong(c.Earmark, maxTitle) {
		bad.Field("message", "err.trustfund_too_long", "Max", 2_000)
	}
	amount, err := ParseAmount(in.Amount, c.Currency)
	if e := errs.As(err); e != nil {
		bad.Fields = append(bad.Fields, e.Fields...)
	}
	c.AmountMinor = amount
	// A pledge in another currency may come without a rate (the public
	// form): its USD value is set when it is received.
	unvalued := c.Status == Pledged && strings.TrimSpace(in.Rate) == "" && c.Currency != "USD"
	var rate *big.Rat
	var rerr error
	if !unvalued {
		rate, rerr = ParseRate(strings.TrimSpace(in.Rate))
		if e := errs.As(rerr); e != nil {
			bad.Fields = append(bad.Fields, e.Fields...)
		}
	}
	if err == nil && rerr == nil && !unvalued {
		usd, err := ToUSD(amount, c.Currency, rate)
		if e := errs.As(err); e != nil {
			bad.Fields = append(bad.Fields, e.Fields...)
		}
		c.USDMinor, c.Rate = usd, strings.TrimSpace(in.Rate)
	}
	on := in.On
	if on.IsZero() {
		on = s.now()
	}
	day := time.Date(on.Year(), on.Month(), on.Day(), 0, 0, 0, 0, time.UTC)
	if c.Status == Received {
		c.ReceivedOn = &day
	} else {
		c.PledgedOn = &day
	}
	donor := &Donor{Kind: in.DonorKind, Name: strings.TrimSpace(in.DonorName), Country: in.DonorCountry,
		Email: strings.TrimSpace(in.Email), ConsentNamed: in.ConsentNamed, Demo: demo, CreatedAt: s.now()}
	if in.DonorID == 0 {
		if !slices.Contains(DonorKinds, donor.Kind) {
			bad.Field("donor_kind", "err.trustfund_bad_choice")
		}
		if donor.Name == "" {
			bad.Field("donor_name", "err.required")
		} else if tooLong(donor.Name, maxTitle) || tooLong(donor.Email, maxTitle) {
			bad.Field("donor_name", "err.trustfund_too_long", "Max", maxTitle)
		}
		if donor.Country != "" && !s.Places.Known(donor.Country) {
			bad.Field("donor_country", "err.country_unknown")
		}
		if donor.Email != "" && !strings.Contains(donor.Email, "@") {
			bad.Field("email", "err.trustfund_email")
		}
	}
	if err := bad.OrNil(); err != nil {
		return nil, err
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if in.DonorID != 0 {
			d, err := getDonor(ctx, tx, in.DonorID)
			if err != nil {
				return errs.Invalid().Field("donor", "err.trustfund_unknown_donor")
			}
			donor = d
		} else if err := insertDonor(ctx, tx, donor); err != nil {
			return err
		}
		c.DonorID, c.Donor = donor.ID, donor
		if err := insertContribution(ctx, tx, c, by.DisplayName()); err != nil {
			return err
		}
		if unvalued {
			return record(ctx, tx, by, "contribution.pledge", "trustfund_contribution", c.ID, c.Currency+" without a rate")
		}
		kind := EntryReceived
		if c.Status == Pledged {
			kind = EntryPledge
		}
		return s.post(ctx, tx, by, Entry{Kind: kind, USD: c.USDMinor}, c.ID,
			fmt.Sprintf("contribution %d: %s %s at %s", c.ID, FormatMinor(c.AmountMinor, c.Currency), c.Currency, c.Rate))
	})
	return c, err
}

// RecordFee takes a fee (programme support, bank costs) out of available:
// fund managers.
func (s *Service) RecordFee(ctx context.Context, by *auth.Principal, amount, note string) error {
	if err := auth.Require(by, managers...); err != nil {
		return err
	}
	usd, err := ParseAmount(amount, "USD")
	if err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	if note == "" || tooLong(note, maxTitle) {
		return errs.Invalid().Field("note", "err.required")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		return s.post(ctx, tx, by, Entry{Kind: EntryFee, USD: usd}, 0, note)
	})
}

// Books is what the fund manager reads of the money: donors with their
// contributions (personal data: an audited read), and the balances.
type Books struct {
	Donors        map[int64]*Donor
	Contributions []*Contribution
	Balances      Balances
}

// Books opens the fund's books: fund managers, each read audited.
func (s *Service) Books(ctx context.Context, by *auth.Principal) (*Books, error) {
	if err := auth.Require(by, managers...); err != nil {
		return nil, err
	}
	b := &Books{Donors: map[int64]*Donor{}}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		ds, err := listDonors(ctx, tx)
		if err != nil {
			return err
		}
		for _, d := range ds {
			b.Donors[d.ID] = d
		}
		if b.Contributions, err = listContributions(ctx, tx); err != nil {
			return err
		}
		for _, c := range b.Contributions {
			c.Donor = b.Donors[c.DonorID]
		}
		l, err := readLedger(ctx, tx)
		if err != nil {
			return err
		}
		b.Balances = l.Balances()
		return record(ctx, tx, by, "donor.read", "trustfund_donors", 0, fmt.Sprintf("donors: %d", len(ds)))
	})
	return b, err
}

// ReceivePledge records that a pledge was paid: on day, at rate (USD per
// unit; 1 for USD). The money becomes available; the pledge stays counted
// as pledged, and is no longer outstanding.
func (s *Service) ReceivePledge(ctx context.Context, by *auth.Principal, id int64, rate string, day time.Time) (*Contribution, error) {
	if err := auth.Require(by, managers...); err != nil {
		return nil, err
	}
	r, err := ParseRate(strings.TrimSpace(rate))
	if err != nil {
		return nil, err
	}
	var c *Contribution
	err = s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if c, err = getContribution(ctx, tx, id); err != nil {
			return err
		}
		if c.Status != Pledged {
			return errs.Conflict("err.trustfund_not_pledged")
		}
		usd, err := ToUSD(c.AmountMinor, c.Currency, r)
		if err != nil {
			return err
		}
		d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
		c.Status, c.Rate, c.USDMinor, c.ReceivedOn = Received, strings.TrimSpace(rate), usd, &d
		if err := markReceived(ctx, tx, c); err != nil {
			return err
		}
		return s.post(ctx, tx, by, Entry{Kind: EntryReceived, USD: usd}, c.ID, fmt.Sprintf("pledge %d received at %s", c.ID, c.Rate))
	})
	return c, err
}
