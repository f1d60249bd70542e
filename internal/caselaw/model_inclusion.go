package caselaw

import (
	"slices"

	"github.com/tipsom/tipsom/internal/errs"
)

// Inclusion applies the rule for trafficking cases: the act and the
// purpose must be recorded, and the means too unless a victim is a child
// (the Protocol's definition does not require means for children). A case
// that misses it may be drafted, with the form saying why, but not
// published. It returns nil for smuggling-only cases.
func (c *Case) Inclusion() error {
	if !slices.Contains(c.CrimeTypes, "trafficking_in_persons") {
		return nil
	}
	e := errs.Invalid().WithKey("err.caselaw_inclusion")
	if len(c.Keywords.Acts) == 0 {
		e.Field("keywords.acts", "err.caselaw_inclusion_act")
	}
	if len(c.Keywords.Purposes) == 0 {
		e.Field("keywords.purposes", "err.caselaw_inclusion_purpose")
	}
	if len(c.Keywords.Means) == 0 && !c.HasChildVictim() {
		e.Field("keywords.means", "err.caselaw_inclusion_means")
	}
	return e.OrNil()
}

// HasChildVictim reports whether a victim is recorded as a child.
func (c *Case) HasChildVictim() bool {
	return slices.ContainsFunc(c.Victims, func(v Victim) bool { return v.AgeGroup == "child" })
}
