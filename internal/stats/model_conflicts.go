package stats

import (
	"fmt"
	"strings"
)

// ConflictFilter selects part of the validation queue: a status, and
// optionally a country, an indicator and a year; Limit and Offset page it.
type ConflictFilter struct {
	Status    string
	ISO3      string
	Indicator string
	Year      int
	Limit     int
	Offset    int
}

// ConflictPageSize is how many conflicts one page of the queue shows.
const ConflictPageSize = 25

// Rules an analyst may apply to many conflicts at once.
const (
	RuleLater    = "later"    // the value given last: the later source, else the later line of one file
	RuleLarger   = "larger"   // the largest value ("<5" is below any count of five or more)
	RuleNational = "national" // the value of a national submission, when exactly one candidate has one
)

// ConflictRules lists the rules in the form's order.
var ConflictRules = []string{RuleLater, RuleLarger, RuleNational}

// nationalSource reports whether a source is a State's own submission
// (the collection room's publishing names it so).
func nationalSource(source string) bool { return strings.Contains(source, "national submission") }

// ChooseByRule picks the candidate rule keeps, or false when the rule
// cannot decide (then the conflict stays open for an analyst). "later":
// candidates are kept in the order they were given (imports append), so
// the last one is the later source, or the later line of the same file.
// "larger": the largest count; "<5" loses only to a count of five or more,
// and two "<5" or an "x" cannot be ranked. "national": the one candidate
// from a national submission.
func ChooseByRule(rule string, cs []Candidate) (Candidate, bool) {
	if len(cs) == 0 {
		return Candidate{}, false
	}
	switch rule {
	case RuleLater:
		best := cs[0]
		for _, c := range cs[1:] {
			if c.Source != best.Source || c.Line > best.Line {
				best = c
			}
		}
		return best, true
	case RuleLarger:
		var best *Candidate // the largest count
		suppressed := 0
		for i := range cs {
			switch c := &cs[i]; c.Value.Kind {
			case KindCount:
				if best == nil || c.Value.N >= best.Value.N {
					best = c
				}
			case KindSuppressed:
				suppressed++
			default:
				return Candidate{}, false // "x" or no figure: nothing to rank
			}
		}
		switch {
		case best == nil:
			return cs[len(cs)-1], true // every candidate "<5": the same published value
		case suppressed > 0 && best.Value.N < MinPublished:
			return Candidate{}, false // "<5" against a count below five: which is larger is unknown
		}
		return *best, true
	case RuleNational:
		var found []Candidate
		for _, c := range cs {
			if nationalSource(c.Source) {
				found = append(found, c)
			}
		}
		if len(found) != 1 {
			return Candidate{}, false
		}
		return found[0], true
	}
	return Candidate{}, false
}

// keptComment is the comment recorded when an analyst keeps a candidate
// without writing one: which line and source it came from, and the rule.
func keptComment(c Candidate, rule string) string {
	s := fmt.Sprintf("kept %s (line %d, %s)", c.Value.String(), c.Line, c.Source)
	if rule != "" {
		s += " by the rule " + rule
	}
	return s
}
