package collection

import (
	"slices"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// readers may use the workflow at all: focal points (for their own
// country only), analysts and admins. Nobody else sees unpublished data.
func readers() []auth.Role {
	return []auth.Role{auth.RoleFocalPoint, auth.RoleAnalyst, auth.RoleAdmin}
}

// analysts run rounds and validate and publish submissions.
func analysts() []auth.Role { return auth.Analysts }

// isAnalyst reports whether by sees every country's submissions.
func isAnalyst(by *auth.Principal) bool { return by.IsSystem() || by.HasAny(analysts()...) }

// isFocalPointOf reports whether by answers for country iso3.
func isFocalPointOf(by *auth.Principal, iso3 string) bool {
	return by.Has(auth.RoleFocalPoint) && by.Country != "" && by.Country == iso3
}

// visible reports whether by may see a submission of iso3. Callers answer
// "not found" otherwise, so a focal point cannot even learn that another
// country has a draft.
func visible(by *auth.Principal, iso3 string) bool { return auth.InCountry(by, iso3, readers()...) }

// Workflow actions: who takes them (focal point or analyst) and from which
// submission statuses.
const (
	ActEdit     = "edit"     // save the draft, upload a file
	ActSubmit   = "submit"   // freeze the draft as a version
	ActRevise   = "revise"   // take a submitted or published version back to a draft
	ActAnswer   = "answer"   // answer a query, possibly with a new value
	ActQuery    = "query"    // raise or close a query on a cell
	ActBegin    = "begin"    // start validating a submitted version
	ActValidate = "validate" // accept the latest version
	ActReturn   = "return"   // send it back for revision
	ActPublish  = "publish"  // make its figures the published ones
)

var (
	focalActions = []string{ActEdit, ActSubmit, ActRevise, ActAnswer}
	fromStatus   = map[string][]string{
		ActEdit: {StatusDraft}, ActSubmit: {StatusDraft},
		ActRevise: {StatusSubmitted, StatusInValidation, StatusPublished},
		ActAnswer: {StatusDraft, StatusSubmitted, StatusInValidation},
		ActQuery:  {StatusSubmitted, StatusInValidation}, ActBegin: {StatusSubmitted},
		ActValidate: {StatusSubmitted, StatusInValidation}, ActReturn: {StatusSubmitted, StatusInValidation, StatusValidated},
		ActPublish: {StatusValidated},
	}
)

// may is the one rule of the workflow: whether by may take action on sub
// of round now. Not found when by cannot see the submission, forbidden for
// the wrong role, a conflict when the status or the round forbids it.
func may(by *auth.Principal, action string, sub *Submission, r *Round) error {
	if !visible(by, sub.ISO3) {
		return errs.NotFound()
	}
	if slices.Contains(focalActions, action) {
		if !isFocalPointOf(by, sub.ISO3) {
			return errs.Forbidden()
		}
		if r.Status != RoundOpen && action != ActAnswer {
			return errs.Conflict("err.collection_round_closed")
		}
	} else if !isAnalyst(by) {
		return errs.Forbidden()
	}
	if !slices.Contains(fromStatus[action], sub.Status) {
		return errs.Conflict("err.collection_wrong_status")
	}
	return nil
}

// Actions says which buttons a page shows: only those by may use now.
type Actions struct {
	Edit, Submit, Revise, Answer, Query, Begin, Validate, Return, Publish bool
}

func actionsFor(by *auth.Principal, sub *Submission, r *Round, openQueries int) Actions {
	ok := func(a string) bool { return may(by, a, sub, r) == nil }
	return Actions{Edit: ok(ActEdit), Submit: ok(ActSubmit), Revise: ok(ActRevise), Answer: ok(ActAnswer),
		Query: ok(ActQuery), Begin: ok(ActBegin), Validate: ok(ActValidate) && openQueries == 0,
		Return: ok(ActReturn), Publish: ok(ActPublish)}
}
