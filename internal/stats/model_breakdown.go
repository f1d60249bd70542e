package stats

// breakdowns warns where the parts of a breakdown add up to more than their
// total: Female + Male + Other + Unknown against Total sex, the age groups
// against Total age, and a dimension's categories against the indicator's
// Total. Suppressed cells count as 0 to 4. In UNODC's published data these
// are the publisher's inconsistencies, so they are warnings here; national
// submissions treat them as errors to fix.
func (v *validator) breakdowns() {
	type group struct {
		total Observation
		has   bool
		parts []Observation
	}
	check := func(name string, groups map[Key]*group) {
		for _, g := range groups {
			if !g.has || len(g.parts) == 0 {
				continue
			}
			_, hi, known := g.total.Value.Bounds()
			if !known {
				continue
			}
			var lo int64
			lines := []int{g.total.Line}
			for _, p := range g.parts {
				l, _, _ := p.Value.Bounds()
				lo += l
				lines = append(lines, p.Line)
			}
			if lo > hi {
				v.find(SevWarning, lines, "err.stats_breakdown_exceeds", "Breakdown", name, "Key", g.total.Key.String(),
					"Total", g.total.Value.String(), "Sum", lo)
			}
		}
	}
	bySex, byAge, byCat := map[Key]*group{}, map[Key]*group{}, map[Key]*group{}
	add := func(m map[Key]*group, k Key, o Observation, isTotal bool) {
		g := m[k]
		if g == nil {
			g = &group{}
			m[k] = g
		}
		if isTotal {
			g.total, g.has = o, true
		} else {
			g.parts = append(g.parts, o)
		}
	}
	for _, o := range v.res.Observations {
		k := o.Key
		k.Sex = ""
		add(bySex, k, o, o.Sex == "total")
		k = o.Key
		k.Age = ""
		add(byAge, k, o, o.Age == "total")
		if o.Sex == "total" && o.Age == "total" && (o.Dimension == DimTotal || topForm[o.Category] && o.Dimension == DimExploitation) {
			k = o.Key
			k.Dimension, k.Category = "", ""
			add(byCat, k, o, o.Dimension == DimTotal)
		}
	}
	check("sex", bySex)
	check("age", byAge)
	check("category", byCat)
}

// topForm are the published forms of exploitation, which partition the
// victims; finer forms analysts add are parts of "Other forms".
var topForm = map[string]bool{"Sexual exploitation": true, "Forced labour": true, "Other forms of exploitation": true}
