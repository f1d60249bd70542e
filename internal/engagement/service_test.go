package engagement

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo/geotest"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/treaty"
)

// parties is treaty status as the room reads it: these States are party.
type parties []string

func (p parties) Parties(_ context.Context, id string, _ time.Time) ([]treaty.Action, error) {
	var out []treaty.Action
	for _, iso3 := range p {
		out = append(out, treaty.Action{Instrument: id, ISO3: iso3, Participant: iso3})
	}
	return out, nil
}

// assessments are the States' submitted self-assessments, as omnibus's
// Facts gives them.
type assessments map[string][2]map[string]string

func (a assessments) Facts(_ context.Context, iso3, _ string) (map[string]string, map[string]string, error) {
	f := a[iso3]
	return f[0], f[1], nil
}

// room is a service on a real database with its people: the focal points
// of Iceland and Kenya, two organisations' accounts, an editor.
type room struct {
	svc            *Service
	d              *db.DB
	isl, ken       *auth.Principal
	ngoA, ngoB     *auth.Principal
	editor, public *auth.Principal
}

func newRoom(t *testing.T, d *db.DB) *room {
	t.Helper()
	g := geotest.Seeded(t, d)
	ix, err := search.New(d, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	facts := assessments{"KEN": {{"5": "implemented"}, {"tip-9-1": "yes"}}}
	r := &room{svc: NewService(d, g, parties{"ISL", "KEN"}, facts, ix), d: d}
	accounts := auth.NewService(d)
	org := func(short string) int64 {
		o, err := accounts.CreateOrg(t.Context(), auth.System("test"), auth.OrgInput{ShortName: short, Name: short, Country: "KEN"})
		if err != nil {
			t.Fatal(err)
		}
		return o.ID
	}
	fp := func(iso3 string) *auth.Principal {
		return &auth.Principal{UserID: 1, Name: "fp " + iso3, Roles: []auth.Role{auth.RoleFocalPoint}, Country: iso3, MFA: true}
	}
	ngo := func(id int64) *auth.Principal {
		return &auth.Principal{UserID: 2, Name: "ngo", Roles: []auth.Role{auth.RoleNGO}, OrgID: id, MFA: true}
	}
	r.isl, r.ken = fp("ISL"), fp("KEN")
	r.ngoA, r.ngoB = ngo(org("ORG-A")), ngo(org("ORG-B"))
	r.editor = &auth.Principal{UserID: 3, Name: "editor", Roles: []auth.Role{auth.RoleEditor}, MFA: true}
	return r
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func wantKind(t *testing.T, what string, err error, k errs.Kind) {
	t.Helper()
	if !errs.Is(err, k) {
		t.Errorf("%s: %v, want %v", what, err, k)
	}
}

var pdf = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

func TestApplyChecksTheTermsForTheApplicantsOwnState(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRoom(t, d)
		ctx := t.Context()
		// Iceland's focal point cannot apply for Kenya: the country is its own.
		a, err := r.svc.Apply(ctx, r.isl, Input{Kind: KindState, Country: "KEN", Name: "Blue Heart Iceland", AdoptOn: "2027-01-15",
			Evidence: map[string]string{CritCoordination: "Steering group"}})
		must(t, "apply", err)
		if a.Country != "ISL" || a.Status != StatusPending {
			t.Fatalf("application %+v", a)
		}
		want := map[string]CheckStatus{CritParty: Met, CritCriminalization: NotMet, CritActionPlan: NotMet, CritCoordination: NeedsEvidence}
		if got := statuses(a.Checks); !mapsEqual(got, want) {
			t.Errorf("checks %v, want %v", got, want)
		}
		d1, err := r.svc.Application(ctx, r.isl, a.ID)
		must(t, "read back", err)
		if !mapsEqual(statuses(d1.A.Checks), want) || d1.A.CheckedAt.IsZero() {
			t.Errorf("stored checks %v at %v", d1.A.Checks, d1.A.CheckedAt)
		}
		// Kenya's submitted self-assessment shows its steps.
		k, err := r.svc.Apply(ctx, r.ken, Input{Kind: KindState, Name: "Blue Heart Kenya", AdoptOn: "2027-03-01"})
		must(t, "apply Kenya", err)
		if got := statuses(k.Checks); got[CritCriminalization] != Met || got[CritActionPlan] != Met || got[CritCoordination] != NeedsEvidence {
			t.Errorf("Kenya's checks %v", got)
		}
		_, err = r.svc.Apply(ctx, r.isl, Input{Kind: KindState, Name: "Again", AdoptOn: "2027-01-15"})
		wantKind(t, "a second waiting application", err, errs.KindConflict)
		_, err = r.svc.Apply(ctx, r.ngoA, Input{Kind: KindState, Country: "ISL", Name: "Not a State", AdoptOn: "2027-01-15"})
		wantKind(t, "an organisation applying as a State", err, errs.KindForbidden)
		_, err = r.svc.Apply(ctx, r.editor, Input{Kind: KindState, Country: "ISL", Name: "Staff", AdoptOn: "2027-01-15"})
		wantKind(t, "the staff applying", err, errs.KindForbidden)
		_, err = r.svc.Apply(ctx, nil, Input{Kind: KindCSO, Country: "ISL", Name: "Anonymous", AdoptOn: "2027-01-15"})
		wantKind(t, "anonymous", err, errs.KindUnauthorised)
		b, err := r.svc.Apply(ctx, r.ngoA, Input{Kind: KindBusiness, Country: "KEN", Name: "Acme", AdoptOn: "2027-01-15",
			Declared: []string{CritCodeOfConduct}})
		must(t, "apply as a business", err)
		if b.OrgID != r.ngoA.OrgID || statuses(b.Checks)[CritCodeOfConduct] != NeedsEvidence || statuses(b.Checks)[CritDueDiligence] != NotMet {
			t.Errorf("business application %+v", b)
		}
		entries, err := audit.List(ctx, d, audit.Filter{Action: "application.apply"})
		must(t, "audit", err)
		if len(entries) != 3 {
			t.Errorf("%d apply entries in the audit log, want 3", len(entries))
		}
	})
}

func mapsEqual(a, b map[string]CheckStatus) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestApplicationsAreTheirOwners: two focal points of two countries and
// two organisations try each other's applications on every method that
// takes an id; each is refused and nothing changes.
func TestApplicationsAreTheirOwners(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRoom(t, d)
		ctx := t.Context()
		owners := []*auth.Principal{r.isl, r.ken, r.ngoA, r.ngoB}
		apps := map[*auth.Principal]int64{}
		files := map[*auth.Principal]int64{}
		for _, by := range owners {
			in := Input{Kind: KindCSO, Country: "KEN", Name: "Applicant " + by.Country, AdoptOn: "2027-01-15"}
			if by.Has(auth.RoleFocalPoint) {
				in.Kind = KindState
			}
			a, err := r.svc.Apply(ctx, by, in)
			must(t, "apply", err)
			f, err := r.svc.Attach(ctx, by, a.ID, "", "leaflet.pdf", pdf)
			must(t, "attach", err)
			apps[by], files[by] = a.ID, f.ID
		}
		for _, victim := range owners {
			for _, attacker := range owners {
				if attacker == victim {
					continue
				}
				id := apps[victim]
				_, err := r.svc.Application(ctx, attacker, id)
				wantKind(t, "read another's application", err, errs.KindForbidden)
				wantKind(t, "may attach", r.svc.MayAttach(ctx, attacker, id), errs.KindForbidden)
				_, err = r.svc.Attach(ctx, attacker, id, "", "x.pdf", pdf)
				wantKind(t, "attach to another's", err, errs.KindForbidden)
				_, err = r.svc.File(ctx, attacker, id, files[victim])
				wantKind(t, "another's file", err, errs.KindForbidden)
				_, err = r.svc.Decide(ctx, attacker, id, Decision{Approve: false, Reason: "mine now"})
				wantKind(t, "decide", err, errs.KindForbidden)
			}
			list, err := r.svc.Applications(ctx, victim)
			must(t, "list", err)
			if len(list) != 1 || list[0].ID != apps[victim] {
				t.Errorf("%s lists %d applications", victim.Name, len(list))
			}
			dd, err := r.svc.Application(ctx, victim, apps[victim])
			must(t, "own", err)
			if len(dd.Files) != 1 {
				t.Errorf("%d files after refused attachments", len(dd.Files))
			}
			// A file of one application is not reached through another.
			_, err = r.svc.File(ctx, victim, apps[victim], files[other(owners, victim)])
			wantKind(t, "another's file through one's own application", err, errs.KindNotFound)
		}
		all, err := r.svc.Applications(ctx, r.editor)
		must(t, "staff list", err)
		if len(all) != 4 {
			t.Errorf("the staff see %d applications", len(all))
		}
	})
}

func other(owners []*auth.Principal, p *auth.Principal) *auth.Principal {
	for _, o := range owners {
		if o != p {
			return o
		}
	}
	return nil
}

func TestDecideListsSuspendsAndHidesPending(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRoom(t, d)
		ctx := t.Context()
		a, err := r.svc.Apply(ctx, r.ken, Input{Kind: KindState, Name: "Blue Heart Kenya", AdoptOn: "2027-03-01",
			Links: []string{"https://example.org/kenya"}, Evidence: map[string]string{CritCoordination: "National committee"}})
		must(t, "apply", err)
		ads, err := r.svc.Adopters(ctx)
		must(t, "adopters", err)
		if len(ads) != 0 {
			t.Fatalf("a waiting application is public: %v", ads)
		}
		st, err := r.svc.StatusOf(ctx, "KEN")
		must(t, "status", err)
		if !st.Empty() {
			t.Errorf("Kenya's profile shows a waiting application: %+v", st)
		}
		_, err = r.svc.Decide(ctx, r.editor, a.ID, Decision{Approve: true})
		if errs.FieldKeys(err)["reason"] != "err.blueheart_reason" {
			t.Errorf("a decision without reasons: %v", err)
		}
		_, err = r.svc.Decide(ctx, r.editor, a.ID, Decision{Approve: true, Reason: "Looks good"})
		if errs.FieldKeys(err)["decision"] != "err.blueheart_not_met" {
			t.Errorf("approval with the coordination structure unproven: %v", err)
		}
		_, err = r.svc.Decide(ctx, r.ken, a.ID, Decision{Approve: true, Reason: "Ours", Accept: []string{CritCoordination}})
		wantKind(t, "the applicant deciding", err, errs.KindForbidden)
		dec, err := r.svc.Decide(ctx, r.editor, a.ID, Decision{Approve: true, Reason: "Terms met", Accept: []string{CritCoordination}})
		must(t, "approve", err)
		if dec.A.Status != StatusApproved || dec.Adopter == nil || !AllMet(dec.A.Checks) {
			t.Fatalf("decision %+v", dec)
		}
		_, err = r.svc.Decide(ctx, r.editor, a.ID, Decision{Approve: false, Reason: "Changed my mind"})
		wantKind(t, "deciding twice", err, errs.KindConflict)
		_, err = r.svc.Apply(ctx, r.ken, Input{Kind: KindState, Name: "Again", AdoptOn: "2027-03-01"})
		wantKind(t, "applying again while listed", err, errs.KindConflict)
		ads, _ = r.svc.Adopters(ctx)
		if len(ads) != 1 || ads[0].Country != "KEN" || !ads[0].AdoptedOn.Equal(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("adopters %+v", ads)
		}
		found := func() bool {
			res, err := r.svc.Index.Search(ctx, search.Request{Kind: DocAdopter, Text: "Kenya"})
			must(t, "search", err)
			return len(res.Hits) > 0
		}
		if !found() {
			t.Error("the listed adopter is not found by the search")
		}
		id := ads[0].ID
		_, err = r.svc.Suspend(ctx, r.isl, id, "no")
		wantKind(t, "a focal point suspending", err, errs.KindForbidden)
		_, err = r.svc.Suspend(ctx, r.editor, id, " ")
		if errs.FieldKeys(err)["reason"] != "err.blueheart_reason" {
			t.Errorf("a suspension without reason: %v", err)
		}
		_, err = r.svc.Suspend(ctx, r.editor, id, "The national campaign used the symbol for a political rally.")
		must(t, "suspend", err)
		if ads, _ = r.svc.Adopters(ctx); len(ads) != 0 {
			t.Errorf("a suspended adopter is still listed")
		}
		_, err = r.svc.Adopter(ctx, nil, id)
		wantKind(t, "the public reading a suspended adopter", err, errs.KindNotFound)
		if p, err := r.svc.Adopter(ctx, r.editor, id); err != nil || p.A.Listed() {
			t.Errorf("the staff read the suspended adopter: %v", err)
		}
		if found() {
			t.Error("a suspended adopter is still found by the search")
		}
		_, err = r.svc.Reinstate(ctx, r.editor, id)
		must(t, "reinstate", err)
		if ads, _ = r.svc.Adopters(ctx); len(ads) != 1 {
			t.Errorf("the reinstated adopter is not listed")
		}
		for _, action := range []string{"application.approved", "adopter.list", "adopter.suspend", "adopter.reinstate"} {
			entries, err := audit.List(ctx, d, audit.Filter{Action: action})
			if err != nil || len(entries) != 1 {
				t.Errorf("%s: %d audit entries (%v)", action, len(entries), err)
			}
		}
		tasks, err := r.svc.Tasks(ctx, r.editor)
		must(t, "tasks", err)
		if len(tasks) != 0 {
			t.Errorf("tasks after the decision: %v", tasks)
		}
	})
}

func TestRejectAndTasks(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRoom(t, d)
		ctx := t.Context()
		a, err := r.svc.Apply(ctx, r.ngoB, Input{Kind: KindCSO, Country: "KEN", Name: "Youth network", AdoptOn: "2027-05-01",
			Declared: []string{CritRegistered, CritNoConflict}})
		must(t, "apply", err)
		tasks, err := r.svc.Tasks(ctx, r.editor)
		must(t, "tasks", err)
		if len(tasks) != 1 || tasks[0].URL != applicationPath(a.ID) {
			t.Errorf("staff tasks %+v", tasks)
		}
		if ts, _ := r.svc.Tasks(ctx, r.ngoB); len(ts) != 0 {
			t.Errorf("the applicant has tasks %v", ts)
		}
		f, err := r.svc.Attach(ctx, r.ngoB, a.ID, CritRegistered, "registration.pdf", pdf)
		must(t, "attach evidence", err)
		dd, _ := r.svc.Application(ctx, r.ngoB, a.ID)
		if c := dd.A.Checks[0]; c.Criterion != CritRegistered || !c.Evidence || c.Status != NeedsEvidence {
			t.Errorf("the check after the evidence: %+v", c)
		}
		_, err = r.svc.Attach(ctx, r.ngoB, a.ID, "", "bad.exe", []byte("MZ\x90\x00"))
		if errs.FieldKeys(err)["file"] != "err.document_type" {
			t.Errorf("an executable: %v", err)
		}
		_, err = r.svc.Attach(ctx, r.ngoB, a.ID, CritParty, "x.pdf", pdf)
		if errs.FieldKeys(err)["criterion"] != "err.blueheart_bad_choice" {
			t.Errorf("a State's criterion for an organisation: %v", err)
		}
		_, err = r.svc.Decide(ctx, r.editor, a.ID, Decision{Reason: "The registration could not be verified."})
		must(t, "reject", err)
		_, err = r.svc.Attach(ctx, r.ngoB, a.ID, "", "late.pdf", pdf)
		wantKind(t, "a file after the decision", err, errs.KindConflict)
		if got, err := r.svc.File(ctx, r.editor, a.ID, f.ID); err != nil || string(got.Data) != string(pdf) {
			t.Errorf("the staff read the evidence: %v", err)
		}
		_, err = r.svc.Material(ctx, nil, 1, f.ID)
		wantKind(t, "evidence of a rejected application as material", err, errs.KindNotFound)
		if ads, _ := r.svc.Adopters(ctx); len(ads) != 0 {
			t.Errorf("a rejected applicant is listed")
		}
		// Rejected, it may apply again.
		_, err = r.svc.Apply(ctx, r.ngoB, Input{Kind: KindCSO, Country: "KEN", Name: "Youth network", AdoptOn: "2027-09-01"})
		must(t, "apply again", err)
	})
}

func TestCampaignsAndTheirEvaluation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRoom(t, d)
		ctx := t.Context()
		in := CampaignInput{Title: "Know the risks", Audience: "potential_migrants", Channels: []string{"radio"}, Countries: []string{"KEN"},
			Languages: []string{"en"}, StartsOn: "2025-01-01", EndsOn: "2025-06-30", Messages: "Being smuggled can cost your life.\n\n"}
		_, err := r.svc.CreateCampaign(ctx, r.isl, in)
		wantKind(t, "a focal point recording a campaign", err, errs.KindForbidden)
		bad := in
		bad.EndsOn, bad.Audience, bad.Countries = "2024-12-31", "everyone", []string{"XXX"}
		_, err = r.svc.CreateCampaign(ctx, r.editor, bad)
		want := map[string]string{"ends_on": "err.blueheart_period", "audience": "err.blueheart_bad_choice", "countries": "err.country_unknown"}
		if got := errs.FieldKeys(err); !slices.Equal(sortedKeys(got), sortedKeys(want)) {
			t.Errorf("invalid campaign: %v", got)
		}
		c, err := r.svc.CreateCampaign(ctx, r.editor, in)
		must(t, "create", err)
		if len(c.Messages) != 1 {
			t.Errorf("messages %q", c.Messages)
		}
		u, err := r.svc.CreateCampaign(ctx, r.editor, CampaignInput{Title: "Concert", Audience: "general_public", Countries: []string{"ISL"},
			StartsOn: "2025-07-30", EndsOn: "2025-07-30", Messages: "Not for sale."})
		must(t, "create unevaluated", err)
		_, err = r.svc.AddMeasure(ctx, r.editor, c.ID, Measure{Name: "Knows the risks", Unit: "%", Better: HigherBetter})
		if errs.FieldKeys(err)["sample_size"] != "err.blueheart_sample" || errs.FieldKeys(err)["source"] != "err.required" {
			t.Errorf("a measure without sample or source: %v", err)
		}
		_, err = r.svc.AddMeasure(ctx, r.editor, c.ID, Measure{Name: "Knows the risks", Unit: "%", Better: HigherBetter, Baseline: 38,
			FollowUp: 61, SampleSize: 1200, Source: "Survey"})
		must(t, "measure", err)
		_, err = r.svc.AddMeasure(ctx, r.ngoA, c.ID, Measure{Name: "x", Unit: "%", Better: HigherBetter, SampleSize: 1, Source: "s"})
		wantKind(t, "an organisation adding a measure", err, errs.KindForbidden)
		cs, err := r.svc.Campaigns(ctx)
		must(t, "campaigns", err)
		groups, unevaluated := Compare(cs)
		if len(groups) != 1 || len(groups[0].Rows) != 1 || groups[0].Rows[0].Campaign.ID != c.ID || len(unevaluated) != 1 || unevaluated[0].ID != u.ID {
			t.Errorf("comparison %+v, unevaluated %+v", groups, unevaluated)
		}
		got, err := r.svc.Campaign(ctx, c.ID)
		must(t, "campaign", err)
		if !got.Effective() || got.Measures[0].Change() != 23 {
			t.Errorf("campaign %+v", got)
		}
		res, err := r.svc.Index.Search(ctx, search.Request{Kind: DocCampaign, Text: "smuggled"})
		must(t, "search", err)
		if len(res.Hits) != 1 {
			t.Errorf("%d campaigns found", len(res.Hits))
		}
	})
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
