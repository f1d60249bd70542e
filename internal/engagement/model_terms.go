package engagement

import "slices"

// The terms of engagement: what each kind of adopter must meet before it
// may use the Blue Heart. Each criterion is evaluated from what tipsom
// knows (treaty status, the State's submitted self-assessment) or from
// what the applicant declares with evidence, which the advocacy staff
// accept; the rules below are data and pure functions.

// Kind is who adopts the campaign.
type Kind string

const (
	KindState    Kind = "state"    // a national campaign
	KindBusiness Kind = "business" // a company
	KindCSO      Kind = "cso"      // a civil society organisation
)

// Kinds lists them in the order pages show them.
var Kinds = []Kind{KindState, KindBusiness, KindCSO}

// Valid reports whether k is a kind of adopter.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// CheckStatus is where one criterion stands.
type CheckStatus string

const (
	Met           CheckStatus = "met"
	NotMet        CheckStatus = "not_met"
	NeedsEvidence CheckStatus = "needs_evidence"
)

// Source says how a criterion is known.
type Source string

const (
	// Automatic criteria are read from tipsom's own records; evidence the
	// applicant hands in covers one the records do not (yet) show.
	Automatic Source = "automatic"
	// Declared criteria are the applicant's word, with evidence, until
	// staff accept it.
	Declared Source = "declared"
	// Evidenced criteria have no record and no declaration to rely on:
	// they need evidence that staff accept.
	Evidenced Source = "evidenced"
)

// Criterion is one term of engagement.
type Criterion struct {
	Key    string // catalogue key suffix: blueheart.criterion.<Key>
	Source Source
}

// The criteria's keys.
const (
	CritParty           = "party"
	CritCriminalization = "criminalization"
	CritActionPlan      = "action_plan"
	CritCoordination    = "coordination"
	CritCodeOfConduct   = "code_of_conduct"
	CritDueDiligence    = "due_diligence"
	CritStaffTraining   = "staff_training"
	CritRegistered      = "registered"
	CritNoConflict      = "no_conflict"
)

// Terms are the criteria of each kind of adopter, in the order shown.
var Terms = map[Kind][]Criterion{
	KindState: {{CritParty, Automatic}, {CritCriminalization, Automatic}, {CritActionPlan, Automatic},
		{CritCoordination, Evidenced}},
	KindBusiness: {{CritCodeOfConduct, Declared}, {CritDueDiligence, Declared}, {CritStaffTraining, Declared}},
	KindCSO:      {{CritRegistered, Declared}, {CritNoConflict, Declared}},
}

// Instrument is the treaty a State must be party to, and whose
// self-assessment shows its steps toward implementation.
const Instrument = "tip-protocol"

// The self-assessment facts the State's terms read: the status of the
// article on criminalization, and the question on a national action plan.
const (
	criminalizationArticle = "5"
	implemented            = "implemented"
	actionPlanQuestion     = "tip-9-1"
)

// Facts are what the rules read about one applicant.
type Facts struct {
	Party    bool              // party to the Protocol today (States)
	Articles map[string]string // article → status, from the submitted self-assessment
	Choices  map[string]string // question → choice, from the same
	Declared map[string]bool   // criterion → declared by the applicant
	Evidence map[string]bool   // criterion → evidence handed in (a file or a text)
	Accepted map[string]bool   // criterion → evidence accepted by staff
}

// Check is one criterion's result.
type Check struct {
	Criterion string      `json:"criterion"`
	Status    CheckStatus `json:"status"`
	Evidence  bool        `json:"evidence"`           // evidence was handed in for it
	Accepted  bool        `json:"accepted,omitempty"` // met by evidence the staff accepted
}

// recorded reports whether tipsom's records show an automatic criterion.
func recorded(key string, f Facts) bool {
	switch key {
	case CritParty:
		return f.Party
	case CritCriminalization:
		return f.Articles[criminalizationArticle] == implemented
	case CritActionPlan:
		return f.Choices[actionPlanQuestion] == "yes"
	}
	return false
}

// Evaluate applies the terms of kind to f: an automatic criterion is met
// when the records show it; accepted evidence meets any criterion; else
// an automatic one needs evidence when evidence was handed in; a declared one needs
// evidence once declared or evidenced; an evidenced one always needs it.
// What is left is not met.
func Evaluate(kind Kind, f Facts) []Check {
	var out []Check
	for _, c := range Terms[kind] {
		ch := Check{Criterion: c.Key, Evidence: f.Evidence[c.Key], Status: NotMet}
		switch {
		case c.Source == Automatic && recorded(c.Key, f):
			ch.Status = Met
		case f.Accepted[c.Key]:
			ch.Status, ch.Accepted = Met, true
		case c.Source == Evidenced, f.Evidence[c.Key], c.Source == Declared && f.Declared[c.Key]:
			ch.Status = NeedsEvidence
		}
		out = append(out, ch)
	}
	return out
}

// AllMet reports whether every criterion is met: what approval requires.
func AllMet(cs []Check) bool {
	return len(cs) > 0 && !slices.ContainsFunc(cs, func(c Check) bool { return c.Status != Met })
}

// Waiting lists the criteria whose evidence waits for staff.
func Waiting(cs []Check) []string {
	var out []string
	for _, c := range cs {
		if c.Status == NeedsEvidence {
			out = append(out, c.Criterion)
		}
	}
	return out
}

// HasCriterion reports whether key is one of kind's criteria.
func HasCriterion(kind Kind, key string) bool {
	return slices.ContainsFunc(Terms[kind], func(c Criterion) bool { return c.Key == key })
}
