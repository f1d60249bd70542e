package omnibus

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
)

// The drawing of lots of the review mechanism: each State under review gets
// two reviewing States, both parties to the instrument and never itself, one
// from its own UN regional group and one from another; no two States review
// each other in the same cycle, and no State reviews more than
// MaxPerReviewer others. The draw is a pure function of its input and seed,
// so a draw recorded in the audit log can be made again and checked.

const (
	defaultMaxPerReviewer = 3
	// drawSearchSteps bounds the backtracking search (tentative assignments
	// tried), so that a hard or impossible case ends in well under a second.
	drawSearchSteps = 200_000
	// drawStream is the PCG's second seed word: "tipsomdr" in ASCII.
	drawStream uint64 = 0x7469_7073_6f6d_6472
)

// DrawInput is what a draw is made from.
type DrawInput struct {
	Parties        []string          // ISO3 of the instrument's parties as at the draw's date
	Groups         map[string]string // ISO3 -> UN regional group id (e.g. "african"); parties without a group are absent
	UnderReview    []string          // ISO3 of the States to review; empty means every party that has a group
	Seed           int64
	MaxPerReviewer int // 0 means 3
}

// Pair is one State under review with its two reviewers: Reviewers[0] from
// its own group, Reviewers[1] from another.
type Pair struct {
	UnderReview string   `json:"under_review"`
	Reviewers   []string `json:"reviewers"`
}

// DrawError says which State could not be matched and why. Reason is a
// short machine key, one of drawReasons'.
type DrawError struct{ State, Reason string }

// drawReasons explain each DrawError reason in a few words.
var drawReasons = map[string]string{
	"bad_max_per_reviewer":    "MaxPerReviewer must not be negative",
	"duplicate":               "it is listed twice among the States under review",
	"not_a_party":             "it is not a party to the instrument",
	"no_group":                "it belongs to no UN regional group",
	"no_same_group_reviewer":  "no other party of its regional group can review it",
	"no_other_group_reviewer": "no party of another regional group can review it",
	"over_capacity":           "the States under review need more reviews than the parties able to give them can take",
	"no_solution":             "the search found no way to fill its reviewer slot within the rules",
}

// Error reads `draw: ALB cannot be matched: no_same_group_reviewer (no
// other party of its regional group can review it)`.
func (e *DrawError) Error() string {
	if e.State == "" {
		return fmt.Sprintf("draw: %s (%s)", e.Reason, drawReasons[e.Reason])
	}
	return fmt.Sprintf("draw: %s cannot be matched: %s (%s)", e.State, e.Reason, drawReasons[e.Reason])
}

// drawSets is an input made ready for checking: the parties that may review
// (those with a group), with their group, the States under review, sorted,
// and the load limit.
type drawSets struct {
	group  map[string]string // reviewer -> group
	byISO3 []string          // reviewers, sorted
	under  []string          // States under review, sorted
	max    int
}

// readInput checks the States under review in the order given: the first
// listed twice, not a party or without a group is named.
func readInput(in DrawInput) (*drawSets, error) {
	s := &drawSets{group: map[string]string{}, max: in.MaxPerReviewer}
	if s.max < 0 {
		return nil, &DrawError{Reason: "bad_max_per_reviewer"}
	}
	if s.max == 0 {
		s.max = defaultMaxPerReviewer
	}
	party := map[string]bool{}
	for _, p := range in.Parties {
		party[p] = true
		if g := in.Groups[p]; g != "" && s.group[p] == "" {
			s.group[p] = g
			s.byISO3 = append(s.byISO3, p)
		}
	}
	slices.Sort(s.byISO3)
	if len(in.UnderReview) == 0 {
		s.under = slices.Clone(s.byISO3)
		return s, nil
	}
	seen := map[string]bool{}
	for _, u := range in.UnderReview {
		switch {
		case seen[u]:
			return nil, &DrawError{State: u, Reason: "duplicate"}
		case !party[u]:
			return nil, &DrawError{State: u, Reason: "not_a_party"}
		case s.group[u] == "":
			return nil, &DrawError{State: u, Reason: "no_group"}
		}
		seen[u] = true
		s.under = append(s.under, u)
	}
	slices.Sort(s.under)
	return s, nil
}

// Skipped returns the parties Draw leaves out when UnderReview is empty:
// those without a UN regional group (the European Union, for one), sorted.
func Skipped(in DrawInput) []string {
	var out []string
	for _, p := range in.Parties {
		if in.Groups[p] == "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// Draw returns the pairs sorted by UnderReview, or a *DrawError.
//
// The randomness, exactly (the seed is in the audit log, so this must not
// change between versions of tipsom): src := rand.NewPCG(uint64(in.Seed),
// 0x7469_7073_6f6d_6472); the parties that have a group, sorted by ISO3,
// each take src.Uint64() in turn, then the States under review, sorted by
// ISO3, each take the next src.Uint64(). Each list is then ordered by the
// number it took (ties, which do not happen in practice, by ISO3): that is
// the seeded shuffle. Only the PCG's own output is used, never Rand's
// helpers (Shuffle, IntN), whose algorithms the standard library may change.
//
// The search is then deterministic: it fills the in-group slots first
// (groups with the least spare capacity first), then the other-group slots,
// States in their shuffled order; each slot tries the candidates with the
// fewest assignments so far first, ties in their shuffled order. The search
// is part of what a seed means as much as the derivation is: changing
// either changes past draws (TestDrawSeedDerivation pins one).
func Draw(in DrawInput) ([]Pair, error) {
	s, err := readInput(in)
	if err != nil {
		return nil, err
	}
	p := newDrawProblem(s, in.Seed)
	if err := p.impossible(); err != nil {
		return nil, err
	}
	return p.search()
}

// drawProblem indexes the reviewers in their shuffled order: reviewer i is
// ids[i], of group group[i]; under lists the States under review (as
// reviewer indices) in their shuffled order.
type drawProblem struct {
	max     int
	ids     []string
	group   []int
	groups  []string // group ids, sorted
	members [][]int  // reviewers of each group, in shuffled order
	index   map[string]int
	under   []int
}

func newDrawProblem(s *drawSets, seed int64) *drawProblem {
	src := rand.NewPCG(uint64(seed), drawStream)
	shuffled := func(xs []string) []string {
		type keyed struct {
			key uint64
			id  string
		}
		ks := make([]keyed, len(xs))
		for i, x := range xs {
			ks[i] = keyed{src.Uint64(), x}
		}
		slices.SortFunc(ks, func(a, b keyed) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.id, b.id)) })
		out := make([]string, len(ks))
		for i, k := range ks {
			out[i] = k.id
		}
		return out
	}
	p := &drawProblem{max: s.max, ids: shuffled(s.byISO3)}
	for _, g := range s.group {
		if !slices.Contains(p.groups, g) {
			p.groups = append(p.groups, g)
		}
	}
	slices.Sort(p.groups)
	p.members = make([][]int, len(p.groups))
	p.index = make(map[string]int, len(p.ids))
	for i, id := range p.ids {
		g, _ := slices.BinarySearch(p.groups, s.group[id])
		p.group = append(p.group, g)
		p.members[g] = append(p.members[g], i)
		p.index[id] = i
	}
	for _, u := range shuffled(s.under) {
		p.under = append(p.under, p.index[u])
	}
	return p
}

// impossible names the State of the first obvious impossibility, before any
// search: in ISO3 order, a State alone in its group or with every reviewer
// in its group; then, group by group (by id), a group of exactly two
// parties, both under review, who could only review each other, or a group
// whose own other-group slots and the other groups' in-group slots need
// more reviews than the other groups' members can give; then a total
// shortage (two reviews per State under review, MaxPerReviewer per
// reviewer). A group's in-group slots alone never exceed its members'
// capacity: its States under review are among its members. A shortage
// names the first State under review, by ISO3, of the group short (of all
// of them for the total).
func (p *drawProblem) impossible() error {
	under := make([][]string, len(p.groups)) // States under review, by group
	for _, u := range p.under {
		under[p.group[u]] = append(under[p.group[u]], p.ids[u])
	}
	all := slices.Concat(under...)
	slices.Sort(all)
	for _, id := range all {
		g := p.group[p.index[id]]
		if len(p.members[g]) < 2 {
			return &DrawError{State: id, Reason: "no_same_group_reviewer"}
		}
		if len(p.members[g]) == len(p.ids) {
			return &DrawError{State: id, Reason: "no_other_group_reviewer"}
		}
	}
	for g, us := range under {
		if len(us) == 0 {
			continue
		}
		slices.Sort(us)
		m := len(p.members[g])
		if (m == 2 && len(us) == 2) || len(p.under) > p.max*(len(p.ids)-m) {
			return &DrawError{State: us[0], Reason: "over_capacity"}
		}
	}
	if len(all) > 0 && 2*len(all) > p.max*len(p.ids) {
		return &DrawError{State: all[0], Reason: "over_capacity"}
	}
	return nil
}

// drawSlot is one reviewer to find: the in-group (same) or other-group
// reviewer of the State under review state.
type drawSlot struct {
	state int
	same  bool
}

// drawSearch is the backtracking search's state. spare, sameLeft and
// otherLeft are kept per group so that a branch that can no longer be
// completed for lack of capacity is cut at once.
type drawSearch struct {
	*drawProblem
	slots               []drawSlot
	pick                []int
	load                []int
	reviews             []bool // reviews[a*n+b]: a reviews b
	spare               []int  // per group: reviews its members can still give
	sameLeft, otherLeft []int  // per group: slots of its States still empty
	spareAll, sameAll   int
	otherAll            int
	steps, deepest      int
	buf                 [][]int // candidates, per slot
}

// search fills every slot or names, with no_solution, the State of the
// deepest slot the search reached and could not fill (with the choices
// made before it), whether the search was exhausted or reached its bound.
func (p *drawProblem) search() ([]Pair, error) {
	n := len(p.ids)
	s := &drawSearch{drawProblem: p, load: make([]int, n), reviews: make([]bool, n*n),
		spare: make([]int, len(p.groups)), sameLeft: make([]int, len(p.groups)), otherLeft: make([]int, len(p.groups))}
	for g, ms := range p.members {
		s.spare[g] = p.max * len(ms)
		s.spareAll += s.spare[g]
	}
	for _, u := range p.under {
		s.sameLeft[p.group[u]]++
		s.otherLeft[p.group[u]]++
	}
	s.sameAll, s.otherAll = len(p.under), len(p.under)
	s.slots = s.order()
	s.pick = make([]int, len(s.slots))
	s.buf = make([][]int, len(s.slots))
	if !s.fill(0) {
		return nil, &DrawError{State: p.ids[s.slots[s.deepest].state], Reason: "no_solution"}
	}
	return s.pairs(), nil
}

// order lists the in-group slots first, the groups with the least spare
// capacity (reviews they can give less reviews they need) first, then the
// other-group slots; States in their shuffled order.
func (s *drawSearch) order() []drawSlot {
	gs := make([]int, len(s.groups))
	for g := range gs {
		gs[g] = g
	}
	slack := func(g int) int { return s.spare[g] - s.sameLeft[g] }
	slices.SortStableFunc(gs, func(a, b int) int { return cmp.Compare(slack(a), slack(b)) })
	slots := make([]drawSlot, 0, 2*len(s.under))
	for _, g := range gs {
		for _, u := range s.under {
			if s.group[u] == g {
				slots = append(slots, drawSlot{state: u, same: true})
			}
		}
	}
	for _, u := range s.under {
		slots = append(slots, drawSlot{state: u})
	}
	return slots
}

// fill tries every candidate for slot k and the slots after it, until the
// step bound is reached.
func (s *drawSearch) fill(k int) bool {
	if k == len(s.slots) {
		return true
	}
	s.deepest = max(s.deepest, k)
	for _, r := range s.candidates(k) {
		if s.steps >= drawSearchSteps {
			return false
		}
		s.steps++
		s.assign(k, r, 1)
		if s.viable() && s.fill(k+1) {
			return true
		}
		s.assign(k, r, -1)
	}
	return false
}

// candidates are the reviewers who may fill slot k now: of the right group,
// not the State itself, under their load limit and not reviewed by the
// State; the least loaded first, ties in shuffled order.
func (s *drawSearch) candidates(k int) []int {
	sl, n := s.slots[k], len(s.ids)
	g := s.group[sl.state]
	ok := func(r int) bool {
		return r != sl.state && s.load[r] < s.max && !s.reviews[sl.state*n+r]
	}
	out := s.buf[k][:0]
	if sl.same {
		for _, r := range s.members[g] {
			if ok(r) {
				out = append(out, r)
			}
		}
	} else {
		for r := range n {
			if s.group[r] != g && ok(r) {
				out = append(out, r)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b int) int { return cmp.Compare(s.load[a], s.load[b]) })
	s.buf[k] = out
	return out
}

// assign puts reviewer r in slot k (d = 1) or takes it out again (d = -1).
func (s *drawSearch) assign(k, r, d int) {
	sl := s.slots[k]
	g := s.group[sl.state]
	s.load[r] += d
	s.spare[s.group[r]] -= d
	s.spareAll -= d
	if sl.same {
		s.sameLeft[g] -= d
		s.sameAll -= d
	} else {
		s.otherLeft[g] -= d
		s.otherAll -= d
	}
	s.reviews[r*len(s.ids)+sl.state] = d > 0
	s.pick[k] = r
}

// viable reports whether the spare capacity can still cover the empty
// slots, group by group: a group's in-group slots from its own members, its
// other-group slots and the other groups' in-group slots from the others.
func (s *drawSearch) viable() bool {
	if s.sameAll+s.otherAll > s.spareAll {
		return false
	}
	for g := range s.groups {
		if s.sameLeft[g] > s.spare[g] || s.otherLeft[g]+s.sameAll-s.sameLeft[g] > s.spareAll-s.spare[g] {
			return false
		}
	}
	return true
}

// pairs reads the filled slots, sorted by the State under review.
func (s *drawSearch) pairs() []Pair {
	byState := make(map[int]*Pair, len(s.under))
	out := make([]Pair, 0, len(s.under))
	for _, u := range s.under {
		out = append(out, Pair{UnderReview: s.ids[u], Reviewers: make([]string, 2)})
	}
	for i := range out {
		byState[s.index[out[i].UnderReview]] = &out[i]
	}
	for k, sl := range s.slots {
		slot := 1
		if sl.same {
			slot = 0
		}
		byState[sl.state].Reviewers[slot] = s.ids[s.pick[k]]
	}
	slices.SortFunc(out, func(a, b Pair) int { return cmp.Compare(a.UnderReview, b.UnderReview) })
	return out
}

// ruleError is CheckDraw's finding: the rule broken and the State it was
// found at.
type ruleError struct{ Rule, State, Detail string }

func (e *ruleError) Error() string {
	return fmt.Sprintf("draw check: rule %s broken at %s: %s", e.Rule, e.State, e.Detail)
}

// CheckDraw verifies pairs against every rule for in; it returns nil or an
// error naming the first broken rule and State. An input Draw would refuse
// is refused the same way (a *DrawError). Pairs are checked in the order
// given, each rule of one pair before the next pair; then the States under
// review left without a pair, reciprocal pairs and reviewers' loads.
func CheckDraw(in DrawInput, pairs []Pair) error {
	s, err := readInput(in)
	if err != nil {
		return err
	}
	broken := func(rule, state, format string, args ...any) error {
		return &ruleError{Rule: rule, State: state, Detail: fmt.Sprintf(format, args...)}
	}
	under := map[string]bool{}
	for _, u := range s.under {
		under[u] = true
	}
	seen, load, reviews := map[string]bool{}, map[string]int{}, map[[2]string]bool{}
	for _, p := range pairs {
		u := p.UnderReview
		switch {
		case !under[u]:
			return broken("under_review", u, "%s has a pair but is not under review", u)
		case seen[u]:
			return broken("one_pair", u, "%s has two pairs", u)
		case len(p.Reviewers) != 2:
			return broken("two_reviewers", u, "%s has %d reviewers, not 2", u, len(p.Reviewers))
		}
		seen[u] = true
		for i, r := range p.Reviewers {
			switch {
			case r == u:
				return broken("not_itself", u, "%s reviews itself", u)
			case s.group[r] == "":
				return broken("reviewer_party", u, "reviewer %s of %s is not a party with a regional group", r, u)
			case i == 0 && s.group[r] != s.group[u]:
				return broken("same_group", u, "first reviewer %s of %s is not of its group %s", r, u, s.group[u])
			case i == 1 && s.group[r] == s.group[u]:
				return broken("other_group", u, "second reviewer %s of %s is of its own group %s", r, u, s.group[u])
			}
			load[r]++
			reviews[[2]string{r, u}] = true
		}
	}
	for _, u := range s.under {
		if !seen[u] {
			return broken("every_state", u, "%s is under review but has no pair", u)
		}
	}
	for _, p := range pairs {
		for _, r := range p.Reviewers {
			if reviews[[2]string{p.UnderReview, r}] {
				return broken("not_reciprocal", p.UnderReview, "%s and %s review each other", p.UnderReview, r)
			}
		}
	}
	for _, r := range s.byISO3 {
		if load[r] > s.max {
			return broken("max_per_reviewer", r, "%s reviews %d States, more than %d", r, load[r], s.max)
		}
	}
	return nil
}
