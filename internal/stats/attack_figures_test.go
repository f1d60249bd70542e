package stats_test

import "github.com/tipsom/tipsom/internal/stats"

// figures counts what the observations publish and how the attack went;
// withheld counts figures shown as "x", of which withheldSample are
// UNODC's (a country's national figures and UNODC's can share lines).
type figures struct {
	smallStored, counts, source, masked, withheld, withheldSample, refuted int
}

func (a *attacker) figures() figures {
	var f figures
	for _, v := range a.truth {
		if v > 0 && v < stats.MinPublished {
			f.smallStored++
		}
	}
	for k, s := range a.obs {
		_, held := a.truth[k]
		switch {
		case s.kind == stats.KindCount:
			f.counts++
		case s.kind == stats.KindSuppressed && held:
			f.masked++
		case s.kind == stats.KindSuppressed:
			f.source++
		case s.kind != stats.KindMissing:
			f.withheld++
			if !s.national {
				f.withheldSample++
			}
		}
	}
	for _, e := range a.eqns {
		if e.dead {
			f.refuted++
		}
	}
	return f
}
