package trustfund

import (
	"fmt"

	"github.com/tipsom/tipsom/internal/errs"
)

// EntryKind says what a ledger entry records.
type EntryKind string

const (
	EntryReceived  EntryKind = "contribution_received" // money in (USD cents)
	EntryPledge    EntryKind = "pledge"                // promised, not money: counted apart, never available
	EntryCommitted EntryKind = "grant_committed"       // a grant approved: money set aside for it
	EntryDisbursed EntryKind = "tranche_disbursed"     // money paid to a grantee, out of its commitment
	EntryReleased  EntryKind = "commitment_released"   // the undisbursed rest of a closed grant goes back to available
	EntryRefund    EntryKind = "refund"                // a grantee returns unspent money: back to available
	EntryFee       EntryKind = "fee"                   // programme support or bank costs: out of available
)

// forGrant says whether an entry of kind k names a grant (true), names none
// (false), or whether k is no kind at all (known false).
func (k EntryKind) forGrant() (grant, known bool) {
	switch k {
	case EntryReceived, EntryPledge, EntryFee:
		return false, true
	case EntryCommitted, EntryDisbursed, EntryReleased, EntryRefund:
		return true, true
	}
	return false, false
}

// Entry is one line of the fund's ledger, in USD cents. Entries are only
// added, never changed: a mistake is corrected by a further entry.
type Entry struct {
	Kind  EntryKind
	Grant int64 // for committed, disbursed, released, refund: the grant; 0 otherwise
	USD   int64 // amount in USD cents, > 0
}

// Balances are the fund's totals, all derived from the entries.
type Balances struct {
	// Sums of the entries of each kind.
	Received, Pledged, Committed, Disbursed, Released, Refunded, Fees int64
	// Outstanding is committed − disbursed − released: set aside, not yet paid.
	Outstanding int64
	// Available is received + refunded − outstanding − disbursed − fees
	// (so: received + refunded − committed + released − fees).
	Available int64
}

// GrantBalance is one grant's part of the ledger.
type GrantBalance struct{ Committed, Disbursed, Released, Refunded, Outstanding int64 }

// Ledger is the projection of a list of entries; the zero value is empty.
// It keeps the totals, not the entries: the store keeps those.
type Ledger struct {
	b      Balances
	grants map[int64]GrantBalance
}

// NewLedger replays entries (as stored) and returns the ledger, or an error
// naming the first entry that breaks a rule (the *errs.Error inside says
// which rule).
func NewLedger(entries []Entry) (*Ledger, error) {
	l := &Ledger{grants: make(map[int64]GrantBalance)}
	for i, e := range entries {
		if err := l.Apply(e); err != nil {
			return nil, fmt.Errorf("trustfund ledger entries[%d] (%s, grant %d, USD %s): %w",
				i, e.Kind, e.Grant, FormatMinor(e.USD, "USD"), err)
		}
	}
	return l, nil
}

// Balances returns the fund's totals.
func (l *Ledger) Balances() Balances { return l.b }

// Grant returns one grant's balance; zero for a grant the ledger never saw.
func (l *Ledger) Grant(id int64) GrantBalance { return l.grants[id] }

// Check says whether e may be applied now, without applying it: nil, or an
// error saying why, with the amounts.
func (l *Ledger) Check(e Entry) error {
	_, _, err := l.next(e)
	return err
}

// Apply is Check then records e.
func (l *Ledger) Apply(e Entry) error {
	b, g, err := l.next(e)
	if err != nil {
		return err
	}
	l.set(e, b, g)
	return nil
}

// record applies e without its rules (a sum that overflows wraps round): only
// for the tests that prove the invariant checks can fail.
func (l *Ledger) record(e Entry) {
	b, g, _ := ledgerStep(l.b, l.grants[e.Grant], e)
	l.set(e, b, g)
}

// set keeps the balances e leaves: the fund's, and its grant's when it names one.
func (l *Ledger) set(e Entry, b Balances, g GrantBalance) {
	l.b = b
	if grant, _ := e.Kind.forGrant(); grant {
		if l.grants == nil {
			l.grants = make(map[int64]GrantBalance)
		}
		l.grants[e.Grant] = g
	}
}

// next checks e against the rules and returns the balances it would leave.
func (l *Ledger) next(e Entry) (Balances, GrantBalance, error) {
	if err := validLedgerEntry(e); err != nil {
		return Balances{}, GrantBalance{}, err
	}
	g, seen := l.grants[e.Grant]
	if err := l.refusal(e, g, seen); err != nil {
		return Balances{}, GrantBalance{}, err
	}
	b, g, ok := ledgerStep(l.b, g, e)
	if !ok {
		return Balances{}, GrantBalance{}, errs.Conflict("err.trustfund_ledger_overflow",
			"Requested", usdText(e.USD))
	}
	return b, g, nil
}

// validLedgerEntry checks the entry by itself: a known kind, a positive
// amount, a grant where the kind needs one and none elsewhere.
func validLedgerEntry(e Entry) error {
	grant, known := e.Kind.forGrant()
	if known && e.USD > 0 && (grant && e.Grant > 0 || !grant && e.Grant == 0) {
		return nil
	}
	v := errs.Invalid()
	if !known {
		v.Field("kind", "err.trustfund_entry_kind", "Kind", string(e.Kind))
	}
	if e.USD <= 0 {
		v.Field("amount", "err.trustfund_amount_positive")
	}
	switch {
	case known && grant && e.Grant <= 0:
		v.Field("grant", "err.trustfund_entry_grant_required", "Kind", string(e.Kind))
	case known && !grant && e.Grant != 0:
		v.Field("grant", "err.trustfund_entry_grant_unexpected", "Kind", string(e.Kind))
	}
	return v.OrNil()
}

// refusal applies the rules that depend on the ledger so far, for grant g
// (seen: the ledger knows the grant).
func (l *Ledger) refusal(e Entry, g GrantBalance, seen bool) error {
	avail := l.b.Available
	if e.Kind == EntryCommitted && seen {
		return errs.Conflict("err.trustfund_grant_committed_twice",
			"Grant", e.Grant, "Committed", usdText(g.Committed))
	}
	if (e.Kind == EntryDisbursed || e.Kind == EntryReleased || e.Kind == EntryRefund) && !seen {
		return errs.Conflict("err.trustfund_grant_not_committed", "Grant", e.Grant)
	}
	switch e.Kind {
	case EntryCommitted:
		if e.USD > avail {
			return errs.Conflict("err.trustfund_over_commit",
				"Requested", usdText(e.USD), "Available", usdText(avail))
		}
	case EntryFee:
		if e.USD > avail {
			return errs.Conflict("err.trustfund_over_fee",
				"Requested", usdText(e.USD), "Available", usdText(avail))
		}
	case EntryDisbursed:
		if e.USD > g.Outstanding {
			return errs.Conflict("err.trustfund_over_disburse",
				"Grant", e.Grant, "Requested", usdText(e.USD), "Outstanding", usdText(g.Outstanding))
		}
	case EntryReleased:
		if e.USD > g.Outstanding {
			return errs.Conflict("err.trustfund_over_release",
				"Grant", e.Grant, "Requested", usdText(e.USD), "Outstanding", usdText(g.Outstanding))
		}
	case EntryRefund:
		if refundable := g.Disbursed - g.Refunded; e.USD > refundable {
			return errs.Conflict("err.trustfund_over_refund",
				"Grant", e.Grant, "Requested", usdText(e.USD), "Refundable", usdText(refundable))
		}
	}
	return nil
}

// ledgerStep is the arithmetic of one entry, on the fund's totals and on its
// grant's; ok is false when a sum would leave int64.
func ledgerStep(b Balances, g GrantBalance, e Entry) (Balances, GrantBalance, bool) {
	ok := true
	add := func(a, d int64) int64 {
		s := a + d
		if (d > 0 && s < a) || (d < 0 && s > a) {
			ok = false
		}
		return s
	}
	x := e.USD
	switch e.Kind {
	case EntryReceived:
		b.Received, b.Available = add(b.Received, x), add(b.Available, x)
	case EntryPledge:
		b.Pledged = add(b.Pledged, x)
	case EntryCommitted:
		b.Committed, g.Committed = add(b.Committed, x), add(g.Committed, x)
		b.Outstanding, g.Outstanding = add(b.Outstanding, x), add(g.Outstanding, x)
		b.Available = add(b.Available, -x)
	case EntryDisbursed:
		b.Disbursed, g.Disbursed = add(b.Disbursed, x), add(g.Disbursed, x)
		b.Outstanding, g.Outstanding = add(b.Outstanding, -x), add(g.Outstanding, -x)
	case EntryReleased:
		b.Released, g.Released = add(b.Released, x), add(g.Released, x)
		b.Outstanding, g.Outstanding = add(b.Outstanding, -x), add(g.Outstanding, -x)
		b.Available = add(b.Available, x)
	case EntryRefund:
		b.Refunded, g.Refunded = add(b.Refunded, x), add(g.Refunded, x)
		b.Available = add(b.Available, x)
	case EntryFee:
		b.Fees, b.Available = add(b.Fees, x), add(b.Available, -x)
	}
	return b, g, ok
}

// usdText writes USD cents for a message.
func usdText(cents int64) string { return FormatMinor(cents, "USD") }
