package engagement

import (
	"slices"
	"strings"
)

// Change is the follow-up less the baseline, in the measure's unit.
func (m Measure) Change() float64 { return m.FollowUp - m.Baseline }

// Improvement is the change counted in the direction the measure
// improves: positive when the campaign moved it the right way.
func (m Measure) Improvement() float64 {
	if m.Better == LowerBetter {
		return -m.Change()
	}
	return m.Change()
}

// Evaluated reports whether the campaign has a baseline and a follow-up
// of at least one measure: only evaluated campaigns may be called
// effective, or ranked.
func (c *Campaign) Evaluated() bool { return len(c.Measures) > 0 }

// Effective reports whether an evaluation shows an improvement.
func (c *Campaign) Effective() bool {
	return slices.ContainsFunc(c.Measures, func(m Measure) bool { return m.Improvement() > 0 })
}

// Comparison is the campaigns evaluated by one measure, compared like with
// like: the same measure (by name, unit and direction), ranked by their
// improvement, the best first; equal improvements share a rank.
type Comparison struct {
	Name, Unit, Better string
	Rows               []Ranked
}

// Ranked is one campaign's result on a compared measure.
type Ranked struct {
	Rank     int
	Campaign *Campaign
	Measure  Measure
}

// measureKey is what makes two measures the same: the name without case
// or surrounding spaces, the unit and the direction.
func measureKey(m Measure) string {
	return strings.ToLower(strings.Join(strings.Fields(m.Name), " ")) + "\x00" + strings.ToLower(m.Unit) + "\x00" + m.Better
}

// Compare groups the evaluated campaigns by measure and ranks each group;
// campaigns without an evaluation are returned apart, never ranked.
func Compare(cs []*Campaign) (groups []Comparison, unevaluated []*Campaign) {
	byKey := map[string]int{}
	for _, c := range cs {
		if !c.Evaluated() {
			unevaluated = append(unevaluated, c)
			continue
		}
		for _, m := range c.Measures {
			k := measureKey(m)
			i, ok := byKey[k]
			if !ok {
				i = len(groups)
				byKey[k] = i
				groups = append(groups, Comparison{Name: m.Name, Unit: m.Unit, Better: m.Better})
			}
			groups[i].Rows = append(groups[i].Rows, Ranked{Campaign: c, Measure: m})
		}
	}
	for i := range groups {
		rows := groups[i].Rows
		slices.SortStableFunc(rows, func(a, b Ranked) int {
			switch x, y := a.Measure.Improvement(), b.Measure.Improvement(); {
			case x > y:
				return -1
			case x < y:
				return 1
			}
			return 0
		})
		for j := range rows {
			rows[j].Rank = j + 1
			if j > 0 && rows[j].Measure.Improvement() == rows[j-1].Measure.Improvement() {
				rows[j].Rank = rows[j-1].Rank
			}
		}
	}
	slices.SortStableFunc(groups, func(a, b Comparison) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return groups, unevaluated
}
