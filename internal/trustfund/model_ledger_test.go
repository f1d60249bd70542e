package trustfund

import (
	"fmt"
	"maps"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/errs"
)

func eReceived(usd int64) Entry    { return Entry{Kind: EntryReceived, USD: usd} }
func ePledge(usd int64) Entry      { return Entry{Kind: EntryPledge, USD: usd} }
func eCommit(g, usd int64) Entry   { return Entry{Kind: EntryCommitted, Grant: g, USD: usd} }
func eDisburse(g, usd int64) Entry { return Entry{Kind: EntryDisbursed, Grant: g, USD: usd} }
func eRelease(g, usd int64) Entry  { return Entry{Kind: EntryReleased, Grant: g, USD: usd} }
func eRefund(g, usd int64) Entry   { return Entry{Kind: EntryRefund, Grant: g, USD: usd} }
func eFee(usd int64) Entry         { return Entry{Kind: EntryFee, USD: usd} }
func mustNewLedger(t testing.TB, es ...Entry) *Ledger {
	t.Helper()
	l, err := NewLedger(es)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestLedgerBalances(t *testing.T) {
	l := mustNewLedger(t,
		eReceived(100000), ePledge(50000), eReceived(20000),
		eCommit(1, 60000), eCommit(2, 30000),
		eDisburse(1, 20000), eDisburse(1, 15000), eDisburse(2, 30000),
		eRefund(2, 5000), eRelease(1, 25000), eFee(1000),
	)
	want := Balances{
		Received: 120000, Pledged: 50000, Committed: 90000, Disbursed: 65000,
		Released: 25000, Refunded: 5000, Fees: 1000,
		Outstanding: 0,
		Available:   120000 + 5000 - 90000 + 25000 - 1000,
	}
	if got := l.Balances(); got != want {
		t.Errorf("Balances() = %+v\nwant %+v", got, want)
	}
	if got, want := l.Grant(1), (GrantBalance{Committed: 60000, Disbursed: 35000, Released: 25000}); got != want {
		t.Errorf("Grant(1) = %+v, want %+v", got, want)
	}
	if got, want := l.Grant(2), (GrantBalance{Committed: 30000, Disbursed: 30000, Refunded: 5000}); got != want {
		t.Errorf("Grant(2) = %+v, want %+v", got, want)
	}
	if got := l.Grant(3); got != (GrantBalance{}) {
		t.Errorf("Grant(3) = %+v, want zero", got)
	}
}

func TestLedgerZeroValue(t *testing.T) {
	var l Ledger
	if l.Balances() != (Balances{}) || l.Grant(1) != (GrantBalance{}) {
		t.Fatal("zero ledger is not empty")
	}
	for _, e := range []Entry{eReceived(500), eCommit(7, 300), eDisburse(7, 100)} {
		if err := l.Apply(e); err != nil {
			t.Fatalf("Apply(%+v): %v", e, err)
		}
	}
	if got := l.Balances(); got.Available != 200 || got.Outstanding != 200 {
		t.Errorf("Balances() = %+v", got)
	}
	empty, err := NewLedger(nil)
	if err != nil || empty.Balances() != (Balances{}) {
		t.Errorf("NewLedger(nil) = %+v, %v", empty, err)
	}
}

func TestCheckDoesNotApply(t *testing.T) {
	l := mustNewLedger(t, eReceived(1000))
	if err := l.Check(eCommit(1, 400)); err != nil {
		t.Fatal(err)
	}
	if err := l.Check(eCommit(1, 400)); err != nil {
		t.Fatalf("a second Check of the same commitment: %v (the first one applied it)", err)
	}
	if got := l.Balances(); got != (Balances{Received: 1000, Available: 1000}) {
		t.Errorf("after Check, Balances() = %+v", got)
	}
}

// ledgerRefusal is the kind, key and arguments of a refusal: the field's for
// invalid input, the error's own for a conflict.
func ledgerRefusal(err error) (errs.Kind, string, map[string]any) {
	e := errs.As(err)
	if e.Kind == errs.KindInvalid && len(e.Fields) > 0 {
		return e.Kind, e.Fields[0].Key, e.Fields[0].Args
	}
	return e.Kind, e.Key, e.Args
}

func TestLedgerRefusals(t *testing.T) {
	// available 390.00; grant 1: committed 600.00, disbursed 200.00, outstanding 400.00
	setup := []Entry{eReceived(100000), ePledge(7777), eCommit(1, 60000), eDisburse(1, 20000), eFee(1000)}
	conflict, invalid := errs.KindConflict, errs.KindInvalid
	cases := []struct {
		name string
		e    Entry
		kind errs.Kind
		key  string
		args map[string]any
	}{
		{"commit all that is available", eCommit(2, 39000), 0, "", nil},
		{"commit more than available", eCommit(2, 39001), conflict, "err.trustfund_over_commit",
			map[string]any{"Requested": "390.01", "Available": "390.00"}},
		{"pledges are not available", eCommit(2, 39000+7777), conflict, "err.trustfund_over_commit",
			map[string]any{"Requested": "467.77", "Available": "390.00"}},
		{"commit a grant twice", eCommit(1, 10), conflict, "err.trustfund_grant_committed_twice",
			map[string]any{"Grant": int64(1), "Committed": "600.00"}},
		{"disburse all outstanding", eDisburse(1, 40000), 0, "", nil},
		{"disburse more than outstanding", eDisburse(1, 40001), conflict, "err.trustfund_over_disburse",
			map[string]any{"Grant": int64(1), "Requested": "400.01", "Outstanding": "400.00"}},
		{"disburse an uncommitted grant", eDisburse(9, 1), conflict, "err.trustfund_grant_not_committed",
			map[string]any{"Grant": int64(9)}},
		{"release all outstanding", eRelease(1, 40000), 0, "", nil},
		{"release more than outstanding", eRelease(1, 40001), conflict, "err.trustfund_over_release",
			map[string]any{"Grant": int64(1), "Requested": "400.01", "Outstanding": "400.00"}},
		{"release an uncommitted grant", eRelease(9, 1), conflict, "err.trustfund_grant_not_committed",
			map[string]any{"Grant": int64(9)}},
		{"refund all disbursed", eRefund(1, 20000), 0, "", nil},
		{"refund more than disbursed", eRefund(1, 20001), conflict, "err.trustfund_over_refund",
			map[string]any{"Grant": int64(1), "Requested": "200.01", "Refundable": "200.00"}},
		{"refund an uncommitted grant", eRefund(9, 1), conflict, "err.trustfund_grant_not_committed",
			map[string]any{"Grant": int64(9)}},
		{"fee of all available", eFee(39000), 0, "", nil},
		{"fee over available", eFee(39001), conflict, "err.trustfund_over_fee",
			map[string]any{"Requested": "390.01", "Available": "390.00"}},
		{"zero amount", eReceived(0), invalid, "err.trustfund_amount_positive", nil},
		{"negative amount", eFee(-5), invalid, "err.trustfund_amount_positive", nil},
		{"negative commitment", eCommit(2, -5), invalid, "err.trustfund_amount_positive", nil},
		{"unknown kind", Entry{Kind: "donation", USD: 5}, invalid, "err.trustfund_entry_kind",
			map[string]any{"Kind": "donation"}},
		{"empty kind", Entry{USD: 5}, invalid, "err.trustfund_entry_kind", map[string]any{"Kind": ""}},
		{"contribution naming a grant", Entry{Kind: EntryReceived, Grant: 3, USD: 5}, invalid,
			"err.trustfund_entry_grant_unexpected", map[string]any{"Kind": "contribution_received"}},
		{"pledge naming a grant", Entry{Kind: EntryPledge, Grant: 3, USD: 5}, invalid,
			"err.trustfund_entry_grant_unexpected", map[string]any{"Kind": "pledge"}},
		{"fee naming a grant", Entry{Kind: EntryFee, Grant: 1, USD: 5}, invalid,
			"err.trustfund_entry_grant_unexpected", map[string]any{"Kind": "fee"}},
		{"commitment without a grant", eCommit(0, 5), invalid, "err.trustfund_entry_grant_required",
			map[string]any{"Kind": "grant_committed"}},
		{"disbursement to grant −1", eDisburse(-1, 5), invalid, "err.trustfund_entry_grant_required",
			map[string]any{"Kind": "tranche_disbursed"}},
		{"release without a grant", eRelease(0, 5), invalid, "err.trustfund_entry_grant_required",
			map[string]any{"Kind": "commitment_released"}},
		{"refund without a grant", eRefund(0, 5), invalid, "err.trustfund_entry_grant_required",
			map[string]any{"Kind": "refund"}},
		{"received up to int64", eReceived(math.MaxInt64 - 100000), 0, "", nil},
		{"received beyond int64", eReceived(math.MaxInt64 - 99999), conflict, "err.trustfund_ledger_overflow",
			map[string]any{"Requested": "92233720368546758.08"}},
		{"pledged beyond int64", ePledge(math.MaxInt64 - 7776), conflict, "err.trustfund_ledger_overflow",
			map[string]any{"Requested": "92233720368547680.31"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := mustNewLedger(t, setup...)
			before := l.Balances()
			checked := l.Check(c.e)
			err := l.Apply(c.e)
			if (checked == nil) != (err == nil) {
				t.Fatalf("Check says %v, Apply says %v", checked, err)
			}
			if c.key == "" {
				if err != nil {
					t.Fatalf("Apply(%+v): %v", c.e, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Apply(%+v) accepted; want %s", c.e, c.key)
			}
			kind, key, args := ledgerRefusal(err)
			if kind != c.kind || key != c.key {
				t.Errorf("Apply(%+v) = %v; want kind %d key %s", c.e, err, c.kind, c.key)
			}
			if c.args != nil && !maps.Equal(args, c.args) {
				t.Errorf("args = %v, want %v", args, c.args)
			}
			if ck, cKey, _ := ledgerRefusal(checked); ck != kind || cKey != key {
				t.Errorf("Check gave %v, Apply %v", checked, err)
			}
			if l.Balances() != before {
				t.Errorf("refused entry changed the balances: %+v → %+v", before, l.Balances())
			}
		})
	}
}

func TestNewLedgerNamesTheEntry(t *testing.T) {
	_, err := NewLedger([]Entry{eReceived(1000), eCommit(4, 600), eCommit(5, 600), eFee(1)})
	if err == nil {
		t.Fatal("over-commitment replayed without error")
	}
	if !strings.Contains(err.Error(), "entries[2]") || !strings.Contains(err.Error(), "grant 5") {
		t.Errorf("error does not name the entry: %v", err)
	}
	if !errs.Is(err, errs.KindConflict) || errs.As(err).Key != "err.trustfund_over_commit" {
		t.Errorf("error lost its kind or key: %v", err)
	}
	_, err = NewLedger([]Entry{eReceived(1000), {Kind: "bogus", USD: 1}})
	if !strings.Contains(err.Error(), "entries[1]") || errs.FieldKeys(err)["kind"] != "err.trustfund_entry_kind" {
		t.Errorf("unknown kind: %v", err)
	}
}

// ledgerInvariantProblems lists the properties that l's balances break (none
// for a sound ledger): what every sequence of applied entries must keep.
func ledgerInvariantProblems(l *Ledger) []string {
	var out []string
	fail := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	b := l.Balances()
	if want := b.Received + b.Refunded - b.Committed + b.Released - b.Fees; b.Available != want {
		fail("Available %d ≠ received + refunded − committed + released − fees = %d", b.Available, want)
	}
	if want := b.Committed - b.Disbursed - b.Released; b.Outstanding != want {
		fail("Outstanding %d ≠ committed − disbursed − released = %d", b.Outstanding, want)
	}
	if b.Available < 0 {
		fail("Available %d < 0", b.Available)
	}
	if b.Outstanding < 0 {
		fail("Outstanding %d < 0", b.Outstanding)
	}
	var sum GrantBalance
	for id, g := range l.grants {
		if g.Disbursed > g.Committed {
			fail("grant %d: disbursed %d > committed %d", id, g.Disbursed, g.Committed)
		}
		if g.Refunded > g.Disbursed {
			fail("grant %d: refunded %d > disbursed %d", id, g.Refunded, g.Disbursed)
		}
		if g.Outstanding != g.Committed-g.Disbursed-g.Released || g.Outstanding < 0 {
			fail("grant %d: outstanding %d, committed %d, disbursed %d, released %d",
				id, g.Outstanding, g.Committed, g.Disbursed, g.Released)
		}
		sum.Committed += g.Committed
		sum.Disbursed += g.Disbursed
		sum.Released += g.Released
		sum.Refunded += g.Refunded
		sum.Outstanding += g.Outstanding
	}
	if want := (GrantBalance{b.Committed, b.Disbursed, b.Released, b.Refunded, b.Outstanding}); sum != want {
		fail("grants sum to %+v, the fund says %+v", sum, want)
	}
	return out
}

// ledgerOracle decides, from the applied entries alone and in big.Int, whether e
// is to be accepted: the rules written a second, slower way.
func ledgerOracle(applied []Entry, e Entry) bool {
	grant, known := e.Kind.forGrant()
	if !known || e.USD <= 0 || (grant && e.Grant <= 0) || (!grant && e.Grant != 0) {
		return false
	}
	total, per := map[EntryKind]*big.Int{}, map[EntryKind]*big.Int{} // per: e's grant only
	for _, k := range allEntryKinds {
		total[k], per[k] = new(big.Int), new(big.Int)
	}
	committed := false
	for _, a := range applied {
		total[a.Kind].Add(total[a.Kind], big.NewInt(a.USD))
		if grant && a.Grant == e.Grant {
			per[a.Kind].Add(per[a.Kind], big.NewInt(a.USD))
			committed = committed || a.Kind == EntryCommitted
		}
	}
	available := func(s map[EntryKind]*big.Int) *big.Int {
		v := new(big.Int).Add(s[EntryReceived], s[EntryRefund])
		return v.Sub(v, s[EntryCommitted]).Add(v, s[EntryReleased]).Sub(v, s[EntryFee])
	}
	outstanding := func(s map[EntryKind]*big.Int) *big.Int {
		v := new(big.Int).Sub(s[EntryCommitted], s[EntryDisbursed])
		return v.Sub(v, s[EntryReleased])
	}
	x := big.NewInt(e.USD)
	switch e.Kind {
	case EntryCommitted:
		if committed || x.Cmp(available(total)) > 0 {
			return false
		}
	case EntryFee:
		if x.Cmp(available(total)) > 0 {
			return false
		}
	case EntryDisbursed, EntryReleased:
		if !committed || x.Cmp(outstanding(per)) > 0 {
			return false
		}
	case EntryRefund:
		if !committed || x.Cmp(new(big.Int).Sub(per[EntryDisbursed], per[EntryRefund])) > 0 {
			return false
		}
	}
	total[e.Kind].Add(total[e.Kind], x) // no total may leave int64
	if !available(total).IsInt64() || !outstanding(total).IsInt64() {
		return false
	}
	for _, v := range total {
		if !v.IsInt64() {
			return false
		}
	}
	return true
}

// ledgerSums adds up the applied entries per kind, as the Balances must.
func ledgerSums(applied []Entry) Balances {
	var b Balances
	for _, e := range applied {
		switch e.Kind {
		case EntryReceived:
			b.Received += e.USD
		case EntryPledge:
			b.Pledged += e.USD
		case EntryCommitted:
			b.Committed += e.USD
		case EntryDisbursed:
			b.Disbursed += e.USD
		case EntryReleased:
			b.Released += e.USD
		case EntryRefund:
			b.Refunded += e.USD
		case EntryFee:
			b.Fees += e.USD
		}
	}
	b.Outstanding = b.Committed - b.Disbursed - b.Released
	b.Available = b.Received + b.Refunded - b.Committed + b.Released - b.Fees
	return b
}

var allEntryKinds = []EntryKind{EntryReceived, EntryPledge, EntryCommitted, EntryDisbursed, EntryReleased, EntryRefund, EntryFee}

// randomLedgerEntry draws an entry for l: every kind; a grant the ledger knows, a
// few others, and now and then none, a negative one or one out of place;
// amounts small, large, at the boundary the rules draw and just past it,
// zero, negative and near int64's limit. Many of them are to be refused.
func randomLedgerEntry(r *rand.Rand, l *Ledger) Entry {
	var e Entry
	if r.IntN(50) == 0 {
		e.Kind = "bogus"
	} else {
		e.Kind = allEntryKinds[r.IntN(len(allEntryKinds))]
	}
	grant, _ := e.Kind.forGrant()
	known := slices.Sorted(maps.Keys(l.grants))
	switch n := r.IntN(20); {
	case grant && n < 12 && len(known) > 0:
		e.Grant = known[r.IntN(len(known))]
	case grant && n < 17, !grant && n == 0:
		e.Grant = 1 + r.Int64N(6)
	case grant && n == 17:
		e.Grant = 1000 + r.Int64N(1_000_000)
	case grant && n == 18:
		e.Grant = -r.Int64N(3)
	}
	b, g := l.Balances(), l.Grant(e.Grant)
	edge := b.Available // the most the rules let e move
	switch e.Kind {
	case EntryDisbursed, EntryReleased:
		edge = g.Outstanding
	case EntryRefund:
		edge = g.Disbursed - g.Refunded
	}
	switch n := r.IntN(100); {
	case n < 4:
		e.USD = -r.Int64N(3)
	case n < 30:
		e.USD = 1 + r.Int64N(1000)
	case n < 45:
		e.USD = 1 + r.Int64N(1_000_000)
	case n < 75:
		e.USD = []int64{edge - 1, edge, edge + 1, edge / 2, 1 + r.Int64N(max(1, edge))}[r.IntN(5)]
		e.USD = max(1, e.USD)
	case n < 93:
		e.USD = 1 + r.Int64N(maxAmountMinor)
	default:
		e.USD = math.MaxInt64 - r.Int64N(1000)
		if r.IntN(2) == 0 {
			e.USD = math.MaxInt64/2 + r.Int64N(1000)
		}
	}
	return e
}

// ledgerSubject is the ledger under test: its Check and its Apply. The real one,
// or a broken stand-in that proves the property test notices.
type ledgerSubject struct {
	check, apply func(*Ledger, Entry) error
	oracle       bool // compare acceptance with the oracle
}

var realLedgerSubject = ledgerSubject{
	check:  (*Ledger).Check,
	apply:  (*Ledger).Apply,
	oracle: true,
}

// ledgerStats counts what the random sequences did, so a generator that tests too
// little shows.
type ledgerStats struct {
	accepted, refused map[EntryKind]int
	keys              map[string]int
}

// runLedgerSequence applies n random entries drawn from r to sub and returns
// the first broken property, or "".
func runLedgerSequence(r *rand.Rand, n int, sub ledgerSubject, st *ledgerStats) string {
	l := &Ledger{}
	var applied []Entry
	for i := range n {
		e := randomLedgerEntry(r, l)
		before, beforeGrant := l.Balances(), l.Grant(e.Grant)
		checked := sub.check(l, e)
		if l.Balances() != before {
			return fmt.Sprintf("step %d %+v: Check changed the balances", i, e)
		}
		err := sub.apply(l, e)
		if (checked == nil) != (err == nil) {
			return fmt.Sprintf("step %d %+v: Check says %v, Apply says %v", i, e, checked, err)
		}
		if sub.oracle {
			if want := ledgerOracle(applied, e); want != (err == nil) {
				return fmt.Sprintf("step %d %+v: accepted %v, the rules say %v (%v)", i, e, err == nil, want, err)
			}
		}
		if err != nil {
			kind, key, _ := ledgerRefusal(err)
			if kind != errs.KindInvalid && kind != errs.KindConflict {
				return fmt.Sprintf("step %d %+v: refused as %v", i, e, err)
			}
			if l.Balances() != before || l.Grant(e.Grant) != beforeGrant {
				return fmt.Sprintf("step %d %+v: refused (%s) but the balances changed: %+v → %+v",
					i, e, key, before, l.Balances())
			}
			st.refused[e.Kind]++
			st.keys[key]++
		} else {
			applied = append(applied, e)
			st.accepted[e.Kind]++
		}
		if p := ledgerInvariantProblems(l); len(p) > 0 {
			return fmt.Sprintf("step %d %+v: %s", i, e, strings.Join(p, "; "))
		}
		if want := ledgerSums(applied); l.Balances() != want {
			return fmt.Sprintf("step %d: Balances %+v, the entries add up to %+v", i, l.Balances(), want)
		}
		replayed, err := NewLedger(applied)
		if err != nil {
			return fmt.Sprintf("step %d: replay of the applied entries: %v", i, err)
		}
		if replayed.Balances() != l.Balances() || !maps.Equal(replayed.grants, l.grants) {
			return fmt.Sprintf("step %d: replayed %+v, applied %+v", i, replayed.Balances(), l.Balances())
		}
	}
	return ""
}

func newLedgerStats() *ledgerStats {
	return &ledgerStats{accepted: map[EntryKind]int{}, refused: map[EntryKind]int{}, keys: map[string]int{}}
}

// TestLedgerProperty: over 5000 random sequences of 1–60 entries, every step
// keeps the invariants, a refusal changes nothing, the rules accept exactly
// what an independent reading of them accepts, and a replay of the applied
// entries gives the same ledger.
func TestLedgerProperty(t *testing.T) {
	const sequences = 5000
	st := newLedgerStats()
	for seq := range sequences {
		r := rand.New(rand.NewPCG(uint64(seq), 0x6c6564676572))
		if p := runLedgerSequence(r, 1+r.IntN(60), realLedgerSubject, st); p != "" {
			t.Fatalf("sequence %d (seed PCG(%d, 0x6c6564676572)): %s", seq, seq, p)
		}
	}
	total, refused := 0, 0
	for _, k := range allEntryKinds {
		total += st.accepted[k] + st.refused[k]
		refused += st.refused[k]
		if st.accepted[k] < 500 || st.refused[k] < 500 {
			t.Errorf("%s: %d accepted, %d refused: the generator tests too little", k, st.accepted[k], st.refused[k])
		}
	}
	for _, key := range []string{
		"err.trustfund_over_commit", "err.trustfund_over_fee", "err.trustfund_over_disburse",
		"err.trustfund_over_release", "err.trustfund_over_refund", "err.trustfund_grant_committed_twice",
		"err.trustfund_grant_not_committed", "err.trustfund_ledger_overflow", "err.trustfund_amount_positive",
		"err.trustfund_entry_kind", "err.trustfund_entry_grant_required", "err.trustfund_entry_grant_unexpected",
	} {
		if st.keys[key] == 0 {
			t.Errorf("no random entry was refused with %s", key)
		}
	}
	if refused*5 < total || refused*5 > total*4 {
		t.Errorf("%d of %d entries refused: want between a fifth and four fifths", refused, total)
	}
	t.Logf("%d sequences, %d entries, %d refused; accepted %v; refusals %v", sequences, total, refused, st.accepted, st.keys)
}

// TestLedgerPropertyCanFail runs the same property test on broken ledgers:
// each must be caught, or the property test proves nothing.
func TestLedgerPropertyCanFail(t *testing.T) {
	t.Run("checker sees broken balances", func(t *testing.T) {
		cases := []struct {
			name  string
			setup []Entry
			bad   Entry
			want  string
		}{
			{"over-commitment", []Entry{eReceived(100)}, eCommit(1, 200), "Available -100 < 0"},
			{"over-disbursement", []Entry{eReceived(100), eCommit(1, 50)}, eDisburse(1, 80), "disbursed 80 > committed 50"},
			{"over-release", []Entry{eReceived(100), eCommit(1, 50)}, eRelease(1, 80), "Outstanding -30 < 0"},
			{"refund of nothing paid", []Entry{eReceived(100), eCommit(1, 50)}, eRefund(1, 10), "refunded 10 > disbursed 0"},
			{"fee over available", []Entry{eReceived(100)}, eFee(101), "Available -1 < 0"},
		}
		for _, c := range cases {
			l := mustNewLedger(t, c.setup...)
			if p := ledgerInvariantProblems(l); len(p) > 0 {
				t.Fatalf("%s: valid ledger flagged: %v", c.name, p)
			}
			l.record(c.bad)
			if p := strings.Join(ledgerInvariantProblems(l), "; "); !strings.Contains(p, c.want) {
				t.Errorf("%s: problems %q, want one saying %q", c.name, p, c.want)
			}
		}
		l := mustNewLedger(t, eReceived(100), eCommit(1, 50))
		l.b.Available++ // a balance that no longer follows from its sums
		if p := ledgerInvariantProblems(l); len(p) == 0 {
			t.Error("a drifted Available went unnoticed")
		}
	})

	// lax is a ledger whose rules let through the refusals with these keys
	// (all of them for none): Check and Apply agree, as they would if the
	// rules themselves were wrong.
	lax := func(keys ...string) ledgerSubject {
		rules := func(l *Ledger, e Entry) error {
			err := l.Check(e)
			if err != nil && (len(keys) == 0 || slices.Contains(keys, errs.As(err).Key)) {
				return nil
			}
			return err
		}
		return ledgerSubject{check: rules, apply: func(l *Ledger, e Entry) error {
			if err := rules(l, e); err != nil {
				return err
			}
			l.record(e)
			return nil
		}}
	}
	// withApply is the real Check with another Apply.
	withApply := func(apply func(*Ledger, Entry) error) ledgerSubject {
		return ledgerSubject{check: (*Ledger).Check, apply: apply}
	}
	broken := []struct {
		name       string
		sub        ledgerSubject
		needOracle bool // only the comparison with the oracle can see it
	}{
		{"no checks at all", lax(), false},
		{"availability not checked", lax("err.trustfund_over_commit"), false},
		{"fees not checked", lax("err.trustfund_over_fee"), false},
		{"outstanding not checked", lax("err.trustfund_over_disburse"), false},
		{"refunds not checked", lax("err.trustfund_over_refund"), false},
		{"releases not checked", lax("err.trustfund_over_release"), false},
		{"second commitment allowed", lax("err.trustfund_grant_committed_twice"), false},
		{"refusing everything", ledgerSubject{
			check: func(*Ledger, Entry) error { return errs.Conflict("err.trustfund_over_commit") },
			apply: func(*Ledger, Entry) error { return errs.Conflict("err.trustfund_over_commit") },
		}, true},
		{"refusing a full commitment", ledgerSubject{
			check: func(l *Ledger, e Entry) error {
				if e.Kind == EntryCommitted && e.USD == l.Balances().Available {
					return errs.Conflict("err.trustfund_over_commit")
				}
				return l.Check(e)
			},
			apply: func(l *Ledger, e Entry) error {
				if e.Kind == EntryCommitted && e.USD == l.Balances().Available {
					return errs.Conflict("err.trustfund_over_commit")
				}
				return l.Apply(e)
			},
		}, true},
		{"refusal half-applied", withApply(func(l *Ledger, e Entry) error {
			err := l.Apply(e)
			if err != nil && e.USD > 0 && e.Kind == EntryReceived {
				l.record(e)
			}
			return err
		}), false},
		{"balances drift", withApply(func(l *Ledger, e Entry) error {
			err := l.Apply(e)
			if err == nil && e.Kind == EntryRefund {
				l.b.Refunded++
			}
			return err
		}), false},
	}
	for _, b := range broken {
		for _, withOracle := range []bool{true, false} {
			if !withOracle && b.needOracle {
				continue
			}
			t.Run(fmt.Sprintf("%s/oracle=%v", b.name, withOracle), func(t *testing.T) {
				sub := b.sub
				sub.oracle = withOracle
				for seq := range 1000 {
					r := rand.New(rand.NewPCG(uint64(seq), 0x6c6564676572))
					if p := runLedgerSequence(r, 1+r.IntN(60), sub, newLedgerStats()); p != "" {
						t.Logf("caught in sequence %d: %s", seq, p)
						return
					}
				}
				t.Error("the property test did not notice the broken ledger")
			})
		}
	}
}

// BenchmarkNewLedger replays 100,000 entries of a plausible fund: many
// contributions and tranches, grants committed and closed, fees, refunds.
func BenchmarkNewLedger(b *testing.B) {
	entries := plausibleLedgerEntries(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewLedger(entries); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(entries)), "ns/entry")
}

// plausibleLedgerEntries builds n entries that all pass the rules.
func plausibleLedgerEntries(n int) []Entry {
	r := rand.New(rand.NewPCG(2026, 7))
	l := &Ledger{}
	entries := make([]Entry, 0, n)
	var open []int64 // grants with money outstanding
	var paid []int64 // grants with something disbursed
	next := int64(1)
	for len(entries) < n {
		var e Entry
		i := -1 // the index in open of the grant e pays or closes
		if len(open) > 0 {
			i = r.IntN(len(open))
		}
		switch k := r.IntN(100); {
		case k < 15:
			e = eReceived(100_00 + r.Int64N(5_000_000_00))
		case k < 20:
			e = ePledge(100_00 + r.Int64N(5_000_000_00))
		case k < 35:
			e = eCommit(next, 1+r.Int64N(max(1, l.Balances().Available/20)))
		case k < 75 && i >= 0:
			e = eDisburse(open[i], 1+r.Int64N(l.Grant(open[i]).Outstanding))
		case k < 80 && i >= 0:
			e = eRelease(open[i], l.Grant(open[i]).Outstanding)
		case k < 88 && len(paid) > 0:
			id := paid[r.IntN(len(paid))]
			g := l.Grant(id)
			if g.Disbursed == g.Refunded {
				continue
			}
			e = eRefund(id, 1+r.Int64N(min(g.Disbursed-g.Refunded, 10_000_00)))
		default:
			e = eFee(1 + r.Int64N(max(1, min(l.Balances().Available, 5_000_00))))
		}
		if l.Apply(e) != nil {
			continue
		}
		entries = append(entries, e)
		switch e.Kind {
		case EntryCommitted:
			next++
			open = append(open, e.Grant)
		case EntryDisbursed:
			paid = append(paid, e.Grant)
		}
		if (e.Kind == EntryDisbursed || e.Kind == EntryReleased) && l.Grant(e.Grant).Outstanding == 0 {
			open[i] = open[len(open)-1]
			open = open[:len(open)-1]
		}
	}
	return entries
}
