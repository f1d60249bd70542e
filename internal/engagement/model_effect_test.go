package engagement

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/errs"
)

func TestCompareLikeWithLike(t *testing.T) {
	knows := func(base, follow float64) Measure {
		return Measure{Name: "Knows the risks of being smuggled", Unit: "%", Better: HigherBetter, Baseline: base, FollowUp: follow, SampleSize: 100}
	}
	would := func(base, follow float64) Measure {
		return Measure{Name: "Would pay a smuggler", Unit: "%", Better: LowerBetter, Baseline: base, FollowUp: follow, SampleSize: 100}
	}
	a := &Campaign{ID: 1, Measures: []Measure{knows(40, 50), would(30, 20)}}
	b := &Campaign{ID: 2, Measures: []Measure{knows(30, 55)}}
	c := &Campaign{ID: 3, Measures: []Measure{{Name: "  knows the RISKS of being smuggled ", Unit: "%", Better: HigherBetter, Baseline: 60, FollowUp: 70}}}
	d := &Campaign{ID: 4, Measures: []Measure{would(25, 28)}}
	e := &Campaign{ID: 5} // not evaluated
	f := &Campaign{ID: 6, Measures: []Measure{{Name: "Knows the risks of being smuggled", Unit: "people", Better: HigherBetter, Baseline: 1, FollowUp: 900}}}
	groups, unevaluated := Compare([]*Campaign{a, b, c, d, e, f})
	type row struct {
		Campaign int64
		Rank     int
	}
	got := map[string][]row{}
	for _, g := range groups {
		for _, r := range g.Rows {
			got[g.Name+" "+g.Unit] = append(got[g.Name+" "+g.Unit], row{r.Campaign.ID, r.Rank})
		}
	}
	want := map[string][]row{
		// a and c tie at +10 and share second place; another unit is another measure.
		"Knows the risks of being smuggled %":      {{2, 1}, {1, 2}, {3, 2}},
		"Knows the risks of being smuggled people": {{6, 1}},
		// lower is better: a's fall of 10 beats d's rise of 3.
		"Would pay a smuggler %": {{1, 1}, {4, 2}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(unevaluated) != 1 || unevaluated[0] != e {
		t.Errorf("unevaluated = %v, want campaign 5 alone, never ranked", unevaluated)
	}
	if e.Effective() || !a.Effective() || d.Effective() {
		t.Errorf("effective: unevaluated %v, improved %v, worsened %v", e.Effective(), a.Effective(), d.Effective())
	}
	if got := would(30, 20).ChangeText(); got != "-10" {
		t.Errorf("ChangeText = %q", got)
	}
	if got := knows(40.3, 52.1).ChangeText(); got != "+11.8" {
		t.Errorf("ChangeText = %q, want +11.8", got)
	}
}

func TestValidateInput(t *testing.T) {
	known := func(s string) bool { return s == "ISL" }
	tests := []struct {
		name string
		in   Input
		want map[string]string
	}{
		{"complete", Input{Kind: KindBusiness, Country: "ISL", Name: "Acme", AdoptOn: "2027-01-01", Links: []string{"https://example.org/a\n\nhttps://example.org/b"},
			Declared: []string{CritDueDiligence}, Evidence: map[string]string{CritDueDiligence: "Audit report"}}, map[string]string{}},
		{"empty", Input{}, map[string]string{"kind": "err.blueheart_kind", "country": "err.country_unknown", "name": "err.required",
			"adopt_on": "err.blueheart_date"}},
		{"a State's criterion declared by a business", Input{Kind: KindBusiness, Country: "ISL", Name: "Acme", AdoptOn: "2027-01-01",
			Declared: []string{CritParty}, Evidence: map[string]string{CritCoordination: "x"}},
			map[string]string{"declared": "err.blueheart_bad_choice", "evidence.coordination": "err.blueheart_bad_choice"}},
		{"too long, too many links", Input{Kind: KindCSO, Country: "ISL", Name: strings.Repeat("n", maxName+1), AdoptOn: "2027-01-01",
			Scope: strings.Repeat("s", maxText+1), Links: []string{strings.Repeat("https://example.org/x\n", maxLinks+1)},
			Evidence: map[string]string{CritRegistered: strings.Repeat("e", maxText+1)}},
			map[string]string{"name": "err.blueheart_too_long", "scope": "err.blueheart_too_long", "links": "err.blueheart_too_many_links",
				"evidence.registered": "err.blueheart_too_long"}},
		{"a link that is no web address", Input{Kind: KindState, Country: "ISL", Name: "Blue Heart Iceland", AdoptOn: "2027-01-01",
			Links: []string{"javascript:alert(1)"}}, map[string]string{"links": "err.blueheart_link"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.in.Validate(known)
			got := errs.FieldKeys(err)
			if got == nil {
				got = map[string]string{}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
