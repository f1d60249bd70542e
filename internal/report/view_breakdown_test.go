package report

import (
	"testing"

	"github.com/tipsom/tipsom/internal/stats"
)

func count(n int64) stats.AggregateRow { return stats.AggregateRow{Value: &n, CountriesReporting: 1} }

// below5 is a part reported as "<5".
var below5 = stats.AggregateRow{SuppressedCells: 1}

// TestSharesWithPartsBelowFive: a share is exact only when every part it
// needs is a count. Cyprus's 25 women and "<5" men are not 100% and 0%:
// the women are 25 of 26 to 29, the men 1 to 4 of them.
func TestSharesWithPartsBelowFive(t *testing.T) {
	rows := []stats.AggregateRow{count(25), below5, {}, {}}
	rs := partRanges(rows)
	if rs == nil || rs[0] == nil || rs[1] == nil || rs[2] != nil || rs[3] != nil {
		t.Fatalf("ranges %v", rs)
	}
	if rs[0].exact() || rs[1].exact() {
		t.Errorf("shares with a part below five shown as exact: %+v %+v", *rs[0], *rs[1])
	}
	if got := *roundShare(rs[0].Low); got != 86.2 {
		t.Errorf("women at least %v%%, want 86.2 (25 of 29)", got)
	}
	if got := *roundShare(rs[0].High); got != 96.2 {
		t.Errorf("women at most %v%%, want 96.2 (25 of 26)", got)
	}
	if shares := partShares(rows); shares[0] != nil || shares[1] != nil {
		t.Errorf("exact shares %v, want none", shares)
	}
	s, ok := shareOf(rows, 0)
	if !ok || s.exact() {
		t.Errorf("the finding's share %+v %v, want a range", s, ok)
	}
	if _, ok := shareOf(rows, 2, 3); ok {
		t.Error("a share of parts never reported (girls and boys) was given")
	}

	// A group's sum that leaves out figures below five is a range too.
	group := count(1000)
	group.SuppressedCells = 3
	rs = partRanges([]stats.AggregateRow{group, count(1000)})
	if rs[0].exact() {
		t.Errorf("a sum leaving out three figures below five gave an exact share %+v", *rs[0])
	}

	// With every part a count, shares are exact and add up.
	rs = partRanges([]stats.AggregateRow{count(30), count(70)})
	if v := rs[0].value(); v == nil || *v != 30 {
		t.Errorf("exact share %v, want 30", v)
	}
	// A withheld part withholds every share.
	if rs := partRanges([]stats.AggregateRow{count(30), {Suppressed: true}}); rs != nil {
		t.Errorf("shares beside a withheld part: %v", rs)
	}
	// A large sum with few figures below five rounds to one share.
	big := count(100000)
	big.SuppressedCells = 1
	if v := partRanges([]stats.AggregateRow{big, count(100000)})[1].value(); v == nil || *v != 50 {
		t.Errorf("share %v, want exactly 50.0 at one decimal", v)
	}
}
