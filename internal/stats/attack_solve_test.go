package stats_test

import (
	"fmt"
	"sort"

	"github.com/tipsom/tipsom/internal/stats"
)

// This file is the attacker's arithmetic. Every public number is a linear
// fact about the stored figures: an observation shown as a count is known,
// "<5" is between 1 and 4 when tipsom holds the count (zero is published,
// so a "<5" of tipsom's is at least 1) or 0 and 4 when only UNODC does, "x"
// is at least 0. A total is the sum of its parts, a derived count the sum
// of the figures it covers. The attacker tightens the bounds of every
// unknown figure line by line until nothing moves (which solves every line
// with a single unknown, and more), and it is given an oracle: a deduction
// is kept only when it is true, so a relation that does not hold in the
// data misleads it nowhere. A guess about how every derived count is made
// (that withheld figures went into it) is one guess for all of them: it is
// tried only if it holds for every derived count. The attacker wins if it
// pins down a withheld count.

// unbounded stands for "no upper bound"; sums of it stay far from overflow.
const unbounded = int64(1) << 50

// seen is an observation as GET /api/v1/stats/observations answers it.
type seen struct {
	kind         string // a stats value kind: count, suppressed ("<5"), withheld ("x"), missing
	n            int64
	categoryISO3 string
	national     bool // from a national submission, not from UNODC's file
}

// term is coef × the stored figure of a key.
type term struct {
	k    stats.Key
	coef int64
}

// eqn says the sum of its terms is c. dead: the oracle refuted it. A line
// of a family stands or falls with the others.
type eqn struct {
	terms  []term
	c      int64
	what   string
	family string
	dead   bool
}

// attacker holds what the public answers say and what follows from them.
type attacker struct {
	truth   map[stats.Key]int64 // every stored count: the oracle, never used to form a fact
	obs     map[stats.Key]seen
	lo, hi  map[stats.Key]int64
	eqns    []*eqn
	small   []string // public counts from 1 to 4, and where
	derived int      // derived counts read
	hidden  int      // derived cells read without a count ("x")
	invalid []string // derived counts that are not the sum of the published counts they cover
	redone  []string // derived cells withheld though every figure they cover is a published count
}

func newAttacker(truth map[stats.Key]int64) *attacker {
	return &attacker{truth: truth, obs: map[stats.Key]seen{}, lo: map[stats.Key]int64{}, hi: map[stats.Key]int64{}}
}

// see records an observation and the bounds its public value gives.
func (a *attacker) see(k stats.Key, s seen) {
	a.obs[k] = s
	switch s.kind {
	case stats.KindSuppressed:
		a.lo[k], a.hi[k] = 0, 4
		if _, held := a.truth[k]; held {
			a.lo[k] = 1
		}
	case stats.KindCount, stats.KindMissing:
	default:
		a.lo[k], a.hi[k] = 0, unbounded
	}
}

// unknown reports whether k is an observation without a published count.
func (a *attacker) unknown(k stats.Key) bool {
	s, ok := a.obs[k]
	return ok && s.kind != stats.KindCount && s.kind != stats.KindMissing
}

// known is k's published count; an observation not published, or missing,
// adds nothing to a sum.
func (a *attacker) known(k stats.Key) int64 {
	if s := a.obs[k]; s.kind == stats.KindCount {
		return s.n
	}
	return 0
}

// count notes a public count and flags it when it is from 1 to 4.
func (a *attacker) count(where string, n int64) {
	if n > 0 && n < stats.MinPublished {
		a.small = append(a.small, fmt.Sprintf("%s: %d", where, n))
	}
}

// relation adds "total is the sum of parts" between observations, when the
// total is published in some form (a line without it says nothing).
func (a *attacker) relation(what string, total stats.Key, parts []stats.Key) {
	if s, ok := a.obs[total]; !ok || s.kind == stats.KindMissing || len(parts) == 0 {
		return
	}
	e := &eqn{what: what}
	add := func(k stats.Key, coef int64) {
		if a.unknown(k) {
			e.terms = append(e.terms, term{k, coef})
		} else {
			e.c -= coef * a.known(k)
		}
	}
	add(total, 1)
	for _, p := range parts {
		add(p, -1)
	}
	if len(e.terms) > 0 {
		a.eqns = append(a.eqns, e)
	}
}

// derivedSum records a derived count n that covers the observations keys
// (a region's sum, a flow matrix cell, a country's row): n must be the sum
// of their published counts, and the attacker also tries it as the sum of
// their stored figures, all of them or those tipsom holds, as if withheld
// figures had gone into it.
func (a *attacker) derivedSum(what string, n int64, keys []stats.Key) {
	a.derived++
	a.count(what, n)
	var shown int64
	var all, held []term
	for _, k := range keys {
		shown += a.known(k)
		if a.unknown(k) {
			all = append(all, term{k, 1})
			if _, ok := a.truth[k]; ok {
				held = append(held, term{k, 1})
			}
		}
	}
	if n != shown {
		a.invalid = append(a.invalid, fmt.Sprintf("%s: %d, the published counts it covers add up to %d", what, n, shown))
	}
	for i, ts := range [][]term{all, held} {
		if len(ts) > 0 {
			a.eqns = append(a.eqns, &eqn{terms: ts, c: n - shown, what: what, family: []string{"derived, all", "derived, held"}[i]})
		}
	}
}

// holds reports whether e can be true of the stored figures: exactly, or
// within the bounds of the figures the oracle knows nothing of.
func (a *attacker) holds(e *eqn) bool {
	var lo, hi int64
	for _, t := range e.terms {
		if v, ok := a.truth[t.k]; ok {
			lo, hi = lo+t.coef*v, hi+t.coef*v
			continue
		}
		l, h := a.bounds(t)
		lo, hi = lo+l, hi+h
	}
	return lo <= e.c && e.c <= hi
}

// judgeFamilies kills every line of a family that has a line the stored
// figures refute.
func (a *attacker) judgeFamilies() {
	refuted := map[string]bool{}
	for _, e := range a.eqns {
		if e.family != "" && !a.holds(e) {
			refuted[e.family] = true
		}
	}
	for _, e := range a.eqns {
		e.dead = e.dead || refuted[e.family]
	}
}

// withheldSum records a derived cell withheld ("x") over keys. If every
// figure it covers is published as a count, adding them recomputes it.
func (a *attacker) withheldSum(what string, keys []stats.Key) {
	a.hidden++
	var n int64
	for _, k := range keys {
		if a.unknown(k) {
			return
		}
		n += a.known(k)
	}
	if len(keys) > 0 {
		a.redone = append(a.redone, fmt.Sprintf("%s = %d", what, n))
	}
}

// bounds of coef × x.
func (a *attacker) bounds(t term) (int64, int64) {
	lo, hi := a.lo[t.k], a.hi[t.k]
	if _, ok := a.obs[t.k]; !ok || !a.unknown(t.k) {
		lo, hi = a.known(t.k), a.known(t.k)
	}
	if t.coef < 0 {
		return -hi, -lo
	}
	return lo, hi
}

// solve tightens bounds line by line until nothing changes.
func (a *attacker) solve() {
	a.judgeFamilies()
	for pass, changed := 0, true; changed && pass < 100000; pass++ {
		changed = false
		for _, e := range a.eqns {
			if !e.dead && a.tighten(e) {
				changed = true
			}
		}
	}
}

// tighten applies one line: each term lies between c minus the others'
// greatest and c minus their least. A deduction the oracle finds false
// kills the line.
func (a *attacker) tighten(e *eqn) bool {
	var sumLo, sumHi int64
	for _, t := range e.terms {
		lo, hi := a.bounds(t)
		sumLo, sumHi = sumLo+lo, sumHi+hi
	}
	changed := false
	for _, t := range e.terms {
		lo, hi := a.bounds(t)
		restLo, restHi := sumLo-lo, sumHi-hi // an unbounded part keeps these far out of reach
		tlo, thi := e.c-restHi, e.c-restLo
		if t.coef < 0 {
			tlo, thi = -thi, -tlo
		}
		truth, ok := a.truth[t.k]
		if !ok {
			continue // the oracle knows nothing of a "<5" of UNODC's: it stays 0 to 4
		}
		if truth < tlo || truth > thi {
			e.dead = true
			return changed
		}
		if tlo > a.lo[t.k] {
			a.lo[t.k], changed = tlo, true
		}
		if thi < a.hi[t.k] {
			a.hi[t.k], changed = thi, true
		}
	}
	return changed
}

// recovered lists the withheld counts the attacker pinned down. A zero is
// not a disclosure: zeros are published.
func (a *attacker) recovered() []string {
	var out []string
	for k := range a.lo {
		if v, ok := a.truth[k]; ok && v > 0 && a.lo[k] == a.hi[k] {
			out = append(out, fmt.Sprintf("%s = %d (shown as %s)", k, v, a.obs[k].kind))
		}
	}
	sort.Strings(out)
	return out
}
