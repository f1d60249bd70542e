package omnibus

import (
	stdcmp "cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// groupsOf builds an input's Groups from group id -> members.
func groupsOf(byGroup map[string][]string) (parties []string, groups map[string]string) {
	groups = map[string]string{}
	for g, ms := range byGroup {
		for _, m := range ms {
			parties = append(parties, m)
			groups[m] = g
		}
	}
	slices.Sort(parties)
	return parties, groups
}

// threeByThree is two groups of three States, X1–X3 and Y1–Y3.
func threeByThree() DrawInput {
	p, g := groupsOf(map[string][]string{"x": {"X1", "X2", "X3"}, "y": {"Y1", "Y2", "Y3"}})
	return DrawInput{Parties: p, Groups: g}
}

func TestDrawErrors(t *testing.T) {
	base := threeByThree()
	with := func(f func(in *DrawInput)) DrawInput {
		in := base
		in.Parties = slices.Clone(base.Parties)
		in.Groups = map[string]string{}
		for k, v := range base.Groups {
			in.Groups[k] = v
		}
		f(&in)
		return in
	}
	tests := []struct {
		name string
		in   DrawInput
		want DrawError
	}{
		{"not a party", with(func(in *DrawInput) { in.UnderReview = []string{"X1", "ZZZ"} }), DrawError{"ZZZ", "not_a_party"}},
		{"grouped but not a party", with(func(in *DrawInput) {
			in.Groups["X9"] = "x"
			in.UnderReview = []string{"X9"}
		}), DrawError{"X9", "not_a_party"}},
		{"no group", with(func(in *DrawInput) {
			in.Parties = append(in.Parties, "EU")
			in.UnderReview = []string{"X1", "EU"}
		}), DrawError{"EU", "no_group"}},
		{"duplicate", with(func(in *DrawInput) { in.UnderReview = []string{"Y2", "X1", "Y2"} }), DrawError{"Y2", "duplicate"}},
		{"duplicate comes first in input order", with(func(in *DrawInput) { in.UnderReview = []string{"X1", "X1", "ZZZ"} }), DrawError{"X1", "duplicate"}},
		{"alone in its group", with(func(in *DrawInput) {
			in.Parties = append(in.Parties, "Z1")
			in.Groups["Z1"] = "z"
		}), DrawError{"Z1", "no_same_group_reviewer"}},
		{"alone in its group among the parties", with(func(in *DrawInput) {
			in.Parties = append(in.Parties, "Z1")
			in.Groups["Z1"], in.Groups["Z2"] = "z", "z" // Z2 is not a party
			in.UnderReview = []string{"Z1"}
		}), DrawError{"Z1", "no_same_group_reviewer"}},
		{"one group only", func() DrawInput {
			p, g := groupsOf(map[string][]string{"x": {"X1", "X2", "X3"}})
			return DrawInput{Parties: append(p, "EU"), Groups: g}
		}(), DrawError{"X1", "no_other_group_reviewer"}},
		{"a group of two, both under review", with(func(in *DrawInput) {
			in.Parties = append(in.Parties, "Z2", "Z1")
			in.Groups["Z1"], in.Groups["Z2"] = "z", "z"
		}), DrawError{"Z1", "over_capacity"}},
		{"too few reviewers outside the group", func() DrawInput {
			p, g := groupsOf(map[string][]string{"x": {"X1", "X2", "X3", "X4", "X5"}, "y": {"Y1", "Y2"}})
			return DrawInput{Parties: p, Groups: g, UnderReview: []string{"Y1", "X4", "X5"}, MaxPerReviewer: 1}
		}(), DrawError{"X4", "over_capacity"}},
		{"too few reviews in all", func() DrawInput {
			p, g := groupsOf(map[string][]string{"a": {"A1", "A2", "A3", "A4"}, "b": {"B1", "B2", "B3", "B4"}, "c": {"C1", "C2", "C3", "C4"}})
			return DrawInput{Parties: p, Groups: g, UnderReview: []string{"C1", "B2", "A1", "A2", "A3", "B1", "C2"}, MaxPerReviewer: 1}
		}(), DrawError{"A1", "over_capacity"}},
		// A2 must review A1 and B2 B1, which leaves B1 and A1 to review
		// each other: only the search finds that out.
		{"no solution", func() DrawInput {
			p, g := groupsOf(map[string][]string{"a": {"A1", "A2"}, "b": {"B1", "B2"}})
			return DrawInput{Parties: p, Groups: g, UnderReview: []string{"A1", "B1"}, MaxPerReviewer: 1, Seed: 4}
		}(), DrawError{"A1", "no_solution"}},
		{"negative load limit", with(func(in *DrawInput) { in.MaxPerReviewer = -1 }), DrawError{"", "bad_max_per_reviewer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pairs, err := Draw(tt.in)
			var de *DrawError
			if !errors.As(err, &de) {
				t.Fatalf("Draw = %v, %v; want a *DrawError", pairs, err)
			}
			if diff := cmp.Diff(tt.want, *de); diff != "" {
				t.Errorf("DrawError (-want +got):\n%s", diff)
			}
			if cerr := CheckDraw(tt.in, nil); tt.want.Reason == "not_a_party" || tt.want.Reason == "no_group" || tt.want.Reason == "duplicate" {
				if !errors.As(cerr, &de) || de.Reason != tt.want.Reason {
					t.Errorf("CheckDraw on the same input = %v, want the input refused with %s", cerr, tt.want.Reason)
				}
			}
		})
	}
}

// solvable answers by exhaustive search, independent of Draw's, whether
// any draw satisfies the rules: Draw's failures are held against it. It
// fills, at each step, the empty slot with the fewest candidates (a slot
// with none ends the branch) and tries them all. decided is false when it
// gave up after 200,000 steps.
func solvable(in DrawInput) (ok, decided bool) {
	s, err := readInput(in)
	if err != nil {
		return false, true
	}
	type slot struct {
		state string
		same  bool
	}
	var empty []slot
	for _, u := range s.under {
		empty = append(empty, slot{u, true}, slot{u, false})
	}
	load, reviews := map[string]int{}, map[[2]string]bool{}
	candidates := func(sl slot) []string {
		var out []string
		for _, r := range s.byISO3 {
			if r != sl.state && (s.group[r] == s.group[sl.state]) == sl.same && load[r] < s.max && !reviews[[2]string{sl.state, r}] {
				out = append(out, r)
			}
		}
		return out
	}
	steps := 0
	var try func() bool
	try = func() bool {
		if len(empty) == 0 {
			return true
		}
		best, cands := -1, []string(nil)
		for i, sl := range empty {
			if c := candidates(sl); best < 0 || len(c) < len(cands) {
				best, cands = i, c
			}
		}
		sl := empty[best]
		empty = slices.Delete(empty, best, best+1)
		defer func() { empty = slices.Insert(empty, best, sl) }()
		for _, r := range cands {
			if steps++; steps > 200_000 {
				return false
			}
			load[r]++
			reviews[[2]string{r, sl.state}] = true
			if try() {
				return true
			}
			load[r]--
			delete(reviews, [2]string{r, sl.state})
		}
		return false
	}
	ok = try()
	return ok, ok || steps <= 200_000
}

func TestDrawErrorMessage(t *testing.T) {
	got := (&DrawError{State: "ALB", Reason: "no_same_group_reviewer"}).Error()
	want := "draw: ALB cannot be matched: no_same_group_reviewer (no other party of its regional group can review it)"
	if got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	for reason := range drawReasons {
		if msg := (&DrawError{State: "ALB", Reason: reason}).Error(); msg == "" || drawReasons[reason] == "" {
			t.Errorf("reason %s has no explanation: %q", reason, msg)
		}
	}
}

// mustDraw draws and checks the draw against every rule.
func mustDraw(t *testing.T, in DrawInput) []Pair {
	t.Helper()
	pairs, err := Draw(in)
	if err != nil {
		t.Fatalf("Draw(seed %d): %v", in.Seed, err)
	}
	if err := CheckDraw(in, pairs); err != nil {
		t.Fatalf("Draw(seed %d) breaks a rule: %v\n%v", in.Seed, err, pairs)
	}
	return pairs
}

// fiveGroups is a synthetic instrument of n parties in five groups of
// unequal sizes, with two parties without a group.
func fiveGroups(n int) DrawInput {
	in := DrawInput{Groups: map[string]string{}}
	sizes := []int{28, 27, 13, 17, 15} // per hundred, roughly the UN groups' shares
	for g, share := range sizes {
		for i := range n * share / 100 {
			id := fmt.Sprintf("%c%02d", 'A'+g, i)
			in.Parties = append(in.Parties, id)
			in.Groups[id] = fmt.Sprintf("group-%d", g)
		}
	}
	in.Parties = append(in.Parties, "EU", "NG1")
	return in
}

func TestDrawDeterministic(t *testing.T) {
	in := fiveGroups(180)
	first := mustDraw(t, in)
	for range 3 {
		if diff := cmp.Diff(first, mustDraw(t, in)); diff != "" {
			t.Fatalf("same input and seed, another draw (-first +again):\n%s", diff)
		}
	}
	// The input's order does not matter, only its content.
	shuffled := in
	shuffled.Parties = slices.Clone(in.Parties)
	slices.Reverse(shuffled.Parties)
	if diff := cmp.Diff(first, mustDraw(t, shuffled)); diff != "" {
		t.Errorf("parties listed in another order, another draw (-first +reversed):\n%s", diff)
	}
	distinct := map[string]bool{}
	for seed := range int64(10) {
		in.Seed = seed
		distinct[fmt.Sprint(mustDraw(t, in))] = true
	}
	if len(distinct) < 9 {
		t.Errorf("10 seeds gave only %d distinct draws", len(distinct))
	}
}

// TestDrawSeedDerivation pins the seeded order: should it change, draws
// recorded in the audit log could no longer be made again.
func TestDrawSeedDerivation(t *testing.T) {
	seed := int64(-7)
	src := rand.NewPCG(uint64(seed), 0x7469_7073_6f6d_6472)
	keys := map[string]uint64{}
	ids := []string{"A", "B", "C", "D"}
	for _, id := range ids {
		keys[id] = src.Uint64()
	}
	want := slices.Clone(ids)
	slices.SortFunc(want, func(a, b string) int { return stdcmp.Compare(keys[a], keys[b]) })
	p, g := groupsOf(map[string][]string{"x": {"A", "B"}, "y": {"C", "D"}})
	got := newDrawProblem(&drawSets{group: g, byISO3: p, max: 3}, seed).ids
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("shuffled reviewers (-want +got):\n%s", diff)
	}
	in := threeByThree()
	in.Seed = 20261201
	want2 := []Pair{
		{"X1", []string{"X2", "Y3"}}, {"X2", []string{"X3", "Y2"}}, {"X3", []string{"X1", "Y1"}},
		{"Y1", []string{"Y2", "X1"}}, {"Y2", []string{"Y3", "X3"}}, {"Y3", []string{"Y1", "X2"}},
	}
	if diff := cmp.Diff(want2, mustDraw(t, in)); diff != "" {
		t.Errorf("draw of seed %d (-recorded +now):\n%s", in.Seed, diff)
	}
}

func TestDrawMaxPerReviewer(t *testing.T) {
	for _, max := range []int{0, 1, 2, 3, 5} {
		in := fiveGroups(60)
		in.MaxPerReviewer = max
		if max == 1 { // two reviews per State, one per reviewer: half may be under review
			for _, p := range in.Parties {
				if len(in.UnderReview) < len(in.Parties)/2-2 && in.Groups[p] != "" && p[2]%2 == 0 {
					in.UnderReview = append(in.UnderReview, p)
				}
			}
		}
		limit := max
		if limit == 0 {
			limit = 3
		}
		for seed := range int64(20) {
			in.Seed = seed
			load := map[string]int{}
			for _, p := range mustDraw(t, in) {
				for _, r := range p.Reviewers {
					load[r]++
				}
			}
			for r, n := range load {
				if n > limit {
					t.Fatalf("MaxPerReviewer %d, seed %d: %s reviews %d States", max, seed, r, n)
				}
			}
		}
	}
}

// TestDrawSpreadsLoad: with room to spare, nobody reviews three States
// while another reviews none.
func TestDrawSpreadsLoad(t *testing.T) {
	in := fiveGroups(180)
	for seed := range int64(20) {
		in.Seed = seed
		load := map[string]int{}
		for _, p := range mustDraw(t, in) {
			for _, r := range p.Reviewers {
				load[r]++
			}
		}
		for _, r := range in.Parties {
			if in.Groups[r] != "" && (load[r] < 1 || load[r] > 3) {
				t.Errorf("seed %d: %s reviews %d States; with two reviews per State each reviews 1 to 3", seed, r, load[r])
			}
		}
	}
}

// TestDrawThreeFormACycle: a group of exactly three, all under review,
// can only review itself in a cycle (A reviews B, B C, C A).
func TestDrawThreeFormACycle(t *testing.T) {
	in := threeByThree()
	for seed := range int64(50) {
		in.Seed = seed
		reviewedBy := map[string]string{}
		for _, p := range mustDraw(t, in) {
			reviewedBy[p.UnderReview] = p.Reviewers[0]
		}
		for _, start := range []string{"X1", "Y1"} {
			a := start
			b := reviewedBy[a]
			c := reviewedBy[b]
			if a == b || b == c || c == a || reviewedBy[c] != a {
				t.Fatalf("seed %d: in-group reviews %v do not form a cycle through %s", seed, reviewedBy, start)
			}
		}
	}
}

func TestDrawSkipped(t *testing.T) {
	in := threeByThree()
	in.Parties = append(in.Parties, "European Union", "KIR", "KIR")
	in.Groups["FRA"] = "western-european-other" // grouped, not a party: neither skipped nor drawn
	if diff := cmp.Diff([]string{"European Union", "KIR"}, Skipped(in)); diff != "" {
		t.Errorf("Skipped (-want +got):\n%s", diff)
	}
	var drawn []string
	for _, p := range mustDraw(t, in) {
		drawn = append(drawn, p.UnderReview)
		for _, r := range p.Reviewers {
			if r == "European Union" || r == "KIR" || r == "FRA" {
				t.Errorf("%s reviews %s", r, p.UnderReview)
			}
		}
	}
	if diff := cmp.Diff([]string{"X1", "X2", "X3", "Y1", "Y2", "Y3"}, drawn); diff != "" {
		t.Errorf("States under review by default (-want +got):\n%s", diff)
	}
	in.UnderReview = []string{"Y2", "X1"}
	pairs := mustDraw(t, in)
	if len(pairs) != 2 || pairs[0].UnderReview != "X1" || pairs[1].UnderReview != "Y2" {
		t.Errorf("pairs for [Y2 X1]: %v, want X1's then Y2's", pairs)
	}
}

func TestDrawNothingToReview(t *testing.T) {
	pairs, err := Draw(DrawInput{Parties: []string{"European Union"}})
	if err != nil || len(pairs) != 0 {
		t.Errorf("Draw with no party in a group = %v, %v; want no pairs", pairs, err)
	}
}

// randomInput is a synthetic instrument drawn from r: one to six groups of
// 1–40 States (a few grouped States not parties), up to three parties
// without a group, a random subset under review (or everyone), now and then
// a State under review that Draw must refuse, and a load limit of 0–4.
func randomInput(r *rand.Rand, seed int64) DrawInput {
	in := DrawInput{Groups: map[string]string{}, Seed: seed, MaxPerReviewer: r.IntN(5)}
	for g := range 1 + r.IntN(6) {
		for i := range 1 + r.IntN(40) {
			id := fmt.Sprintf("%c%02d", 'A'+g, i)
			in.Groups[id] = fmt.Sprintf("group-%d", g)
			if r.IntN(25) != 0 {
				in.Parties = append(in.Parties, id)
			}
		}
	}
	for i := range r.IntN(4) {
		in.Parties = append(in.Parties, fmt.Sprintf("NG%d", i))
	}
	r.Shuffle(len(in.Parties), func(i, j int) { in.Parties[i], in.Parties[j] = in.Parties[j], in.Parties[i] })
	if r.IntN(4) == 0 {
		return in // everyone with a group
	}
	share := r.Float64()
	for _, p := range in.Parties {
		if in.Groups[p] != "" && r.Float64() < share {
			in.UnderReview = append(in.UnderReview, p)
		}
	}
	if len(in.UnderReview) > 0 && r.IntN(10) == 0 {
		bad := []string{"ZZZ", "NG0", in.UnderReview[0]}[r.IntN(3)] // not a party, no group, twice
		in.UnderReview = append(in.UnderReview, bad)
	}
	return in
}

// TestDrawProperty: over random inputs, Draw's pairs pass CheckDraw, or it
// fails with a *DrawError naming a State of the input for a reason that
// holds.
func TestDrawProperty(t *testing.T) {
	outcomes := map[string]int{}
	var slowest time.Duration
	for seed := range int64(500) {
		in := randomInput(rand.New(rand.NewPCG(uint64(seed), 99)), seed)
		start := time.Now()
		pairs, err := Draw(in)
		slowest = max(slowest, time.Since(start))
		if err == nil {
			outcomes["ok"]++
			if err := CheckDraw(in, pairs); err != nil {
				t.Fatalf("seed %d: the draw breaks a rule: %v", seed, err)
			}
			continue
		}
		var de *DrawError
		if !errors.As(err, &de) {
			t.Fatalf("seed %d: Draw failed with %T %v, want a *DrawError", seed, err, err)
		}
		outcomes[de.Reason]++
		if !slices.Contains(in.Parties, de.State) && !slices.Contains(in.UnderReview, de.State) {
			t.Fatalf("seed %d: %v names a State that is not in the input", seed, err)
		}
		if msg := holds(in, de); msg != "" {
			t.Fatalf("seed %d: %v, but %s", seed, err, msg)
		}
	}
	t.Logf("500 random inputs: %v; slowest draw %v", outcomes, slowest)
	if outcomes["ok"] < 200 {
		t.Errorf("only %d of 500 random inputs could be drawn: the generator tests too little", outcomes["ok"])
	}
}

// holds says what is wrong with a DrawError's reason for in, or "".
func holds(in DrawInput, de *DrawError) string {
	s, _ := readInput(DrawInput{Parties: in.Parties, Groups: in.Groups})
	g := s.group[de.State]
	members := 0
	for _, r := range s.byISO3 {
		if s.group[r] == g {
			members++
		}
	}
	switch de.Reason {
	case "not_a_party":
		if slices.Contains(in.Parties, de.State) {
			return "it is a party"
		}
	case "no_group":
		if g != "" {
			return "it has a group"
		}
	case "duplicate":
		if n := len(slices.DeleteFunc(slices.Clone(in.UnderReview), func(u string) bool { return u != de.State })); n < 2 {
			return "it is listed once"
		}
	case "no_same_group_reviewer":
		if members > 1 {
			return fmt.Sprintf("its group has %d parties", members)
		}
	case "no_other_group_reviewer":
		if members < len(s.byISO3) {
			return "another group has parties"
		}
	case "over_capacity", "no_solution":
		if len(s.byISO3) <= 12 {
			if ok, _ := solvable(in); ok {
				return "a draw exists"
			}
		}
	}
	return ""
}

// TestDrawFindsEveryDraw: on small inputs, Draw fails only when plain
// exhaustive search finds no draw either.
func TestDrawFindsEveryDraw(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	outcomes := map[string]int{}
	for seed := range int64(3000) {
		in := DrawInput{Groups: map[string]string{}, Seed: seed, MaxPerReviewer: 1 + r.IntN(3)}
		for g := range 2 + r.IntN(3) {
			for i := range 1 + r.IntN(5) {
				id := fmt.Sprintf("%c%d", 'A'+g, i)
				in.Parties = append(in.Parties, id)
				in.Groups[id] = fmt.Sprintf("group-%d", g)
				if r.IntN(3) > 0 {
					in.UnderReview = append(in.UnderReview, id)
				}
			}
		}
		if len(in.UnderReview) == 0 {
			continue
		}
		pairs, err := Draw(in)
		if err == nil {
			outcomes["drawn"]++
			if err := CheckDraw(in, pairs); err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			continue
		}
		reason := err.(*DrawError).Reason
		if reason != "no_solution" && len(in.Parties) > 10 {
			outcomes[reason+" (not searched)"]++
			continue // proving a shortage by search takes too long
		}
		switch ok, decided := solvable(in); {
		case !decided:
			outcomes["undecided"]++
		case ok:
			t.Fatalf("seed %d: %v, but a draw exists for %v under review among %v (max %d)", seed, err, in.UnderReview, in.Groups, in.MaxPerReviewer)
		default:
			outcomes[reason]++
		}
	}
	t.Logf("small inputs: %v", outcomes)
	if outcomes["undecided"] > 30 {
		t.Errorf("exhaustive search decided too few inputs")
	}
}

func TestCheckDrawRejects(t *testing.T) {
	in := threeByThree()
	in.Parties = append(in.Parties, "Z1", "Z2", "EU")
	in.Groups["Z1"], in.Groups["Z2"] = "z", "z"
	in.UnderReview = []string{"X1", "X2", "X3", "Y1", "Y2", "Y3"}
	valid := func() []Pair {
		return []Pair{
			{"X1", []string{"X2", "Y1"}}, {"X2", []string{"X3", "Y2"}}, {"X3", []string{"X1", "Y3"}},
			{"Y1", []string{"Y2", "X2"}}, {"Y2", []string{"Y3", "X3"}}, {"Y3", []string{"Y1", "X1"}},
		}
	}
	if err := CheckDraw(in, valid()); err != nil {
		t.Fatalf("CheckDraw refuses a valid draw: %v", err)
	}
	tests := []struct {
		name        string
		in          func(DrawInput) DrawInput
		pairs       func([]Pair) []Pair
		rule, state string
	}{
		{"a pair for a State not under review", nil, func(ps []Pair) []Pair { return append(ps, Pair{"Z1", []string{"Z2", "X1"}}) }, "under_review", "Z1"},
		{"two pairs for one State", nil, func(ps []Pair) []Pair { return append(ps, ps[0]) }, "one_pair", "X1"},
		{"one reviewer", nil, func(ps []Pair) []Pair { ps[1].Reviewers = ps[1].Reviewers[:1]; return ps }, "two_reviewers", "X2"},
		{"three reviewers", nil, func(ps []Pair) []Pair { ps[1].Reviewers = append(ps[1].Reviewers, "Z1"); return ps }, "two_reviewers", "X2"},
		{"reviews itself", nil, func(ps []Pair) []Pair { ps[2].Reviewers[0] = "X3"; return ps }, "not_itself", "X3"},
		{"reviewer without a group", nil, func(ps []Pair) []Pair { ps[3].Reviewers[1] = "EU"; return ps }, "reviewer_party", "Y1"},
		{"reviewer not a party", nil, func(ps []Pair) []Pair { ps[3].Reviewers[1] = "ZZZ"; return ps }, "reviewer_party", "Y1"},
		{"first reviewer of another group", nil, func(ps []Pair) []Pair { ps[0].Reviewers[0] = "Y3"; return ps }, "same_group", "X1"},
		{"second reviewer of the same group", nil, func(ps []Pair) []Pair { ps[4].Reviewers[1] = "Y1"; return ps }, "other_group", "Y2"},
		{"reviewers swapped", nil, func(ps []Pair) []Pair { r := ps[5].Reviewers; r[0], r[1] = r[1], r[0]; return ps }, "same_group", "Y3"},
		{"a State left out", nil, func(ps []Pair) []Pair { return ps[:5] }, "every_state", "Y3"},
		{"nobody drawn", nil, func([]Pair) []Pair { return nil }, "every_state", "X1"},
		{"reciprocal pair", nil, func(ps []Pair) []Pair { ps[0].Reviewers[0] = "X3"; return ps }, "not_reciprocal", "X1"},
		{"reciprocal across groups", nil, func(ps []Pair) []Pair { ps[0].Reviewers[1] = "Y3"; return ps }, "not_reciprocal", "X1"},
		{"over the load limit", func(in DrawInput) DrawInput { in.MaxPerReviewer = 1; return in }, nil, "max_per_reviewer", "X1"},
		{"everyone by default", func(in DrawInput) DrawInput { in.UnderReview = nil; return in }, nil, "every_state", "Z1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in2, pairs := in, valid()
			if tt.in != nil {
				in2 = tt.in(in2)
			}
			if tt.pairs != nil {
				pairs = tt.pairs(pairs)
			}
			err := CheckDraw(in2, pairs)
			var re *ruleError
			if !errors.As(err, &re) {
				t.Fatalf("CheckDraw = %v, want rule %s broken at %s", err, tt.rule, tt.state)
			}
			if re.Rule != tt.rule || re.State != tt.state {
				t.Errorf("CheckDraw = %v, want rule %s broken at %s", err, tt.rule, tt.state)
			}
		})
	}
}

// BenchmarkDraw draws for 180 parties in five groups, all under review.
func BenchmarkDraw(b *testing.B) {
	in := fiveGroups(180)
	for i := 0; b.Loop(); i++ {
		in.Seed = int64(i)
		if _, err := Draw(in); err != nil {
			b.Fatal(err)
		}
	}
}
