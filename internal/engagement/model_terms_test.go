package engagement

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func statuses(cs []Check) map[string]CheckStatus {
	out := map[string]CheckStatus{}
	for _, c := range cs {
		out[c.Criterion] = c.Status
	}
	return out
}

func set(keys ...string) map[string]bool {
	out := map[string]bool{}
	for _, k := range keys {
		out[k] = true
	}
	return out
}

func TestEvaluate(t *testing.T) {
	submitted := Facts{Party: true, Articles: map[string]string{"5": "implemented"}, Choices: map[string]string{"tip-9-1": "yes"}}
	tests := []struct {
		name string
		kind Kind
		f    Facts
		want map[string]CheckStatus
		all  bool
	}{
		{"a State tipsom knows nothing of", KindState, Facts{},
			map[string]CheckStatus{CritParty: NotMet, CritCriminalization: NotMet, CritActionPlan: NotMet, CritCoordination: NeedsEvidence}, false},
		{"a party whose submitted self-assessment shows the steps", KindState, submitted,
			map[string]CheckStatus{CritParty: Met, CritCriminalization: Met, CritActionPlan: Met, CritCoordination: NeedsEvidence}, false},
		{"article 5 only partially implemented, plan partial", KindState,
			Facts{Party: true, Articles: map[string]string{"5": "partially_implemented"}, Choices: map[string]string{"tip-9-1": "partially"}},
			map[string]CheckStatus{CritParty: Met, CritCriminalization: NotMet, CritActionPlan: NotMet, CritCoordination: NeedsEvidence}, false},
		{"evidence handed in for what the records do not show", KindState,
			Facts{Party: true, Evidence: set(CritCriminalization, CritActionPlan, CritCoordination)},
			map[string]CheckStatus{CritParty: Met, CritCriminalization: NeedsEvidence, CritActionPlan: NeedsEvidence, CritCoordination: NeedsEvidence}, false},
		{"the staff accept the evidence", KindState,
			Facts{Party: true, Evidence: set(CritCriminalization, CritActionPlan, CritCoordination), Accepted: set(CritCriminalization, CritActionPlan, CritCoordination)},
			map[string]CheckStatus{CritParty: Met, CritCriminalization: Met, CritActionPlan: Met, CritCoordination: Met}, true},
		{"coordination accepted on a submitted assessment", KindState,
			Facts{Party: true, Articles: submitted.Articles, Choices: submitted.Choices, Accepted: set(CritCoordination)},
			map[string]CheckStatus{CritParty: Met, CritCriminalization: Met, CritActionPlan: Met, CritCoordination: Met}, true},
		{"a business that declares nothing", KindBusiness, Facts{},
			map[string]CheckStatus{CritCodeOfConduct: NotMet, CritDueDiligence: NotMet, CritStaffTraining: NotMet}, false},
		{"a business that declares two and evidences one", KindBusiness,
			Facts{Declared: set(CritCodeOfConduct, CritDueDiligence), Evidence: set(CritStaffTraining)},
			map[string]CheckStatus{CritCodeOfConduct: NeedsEvidence, CritDueDiligence: NeedsEvidence, CritStaffTraining: NeedsEvidence}, false},
		{"a business whose evidence is accepted", KindBusiness,
			Facts{Declared: set(CritCodeOfConduct, CritDueDiligence, CritStaffTraining), Accepted: set(CritCodeOfConduct, CritDueDiligence, CritStaffTraining)},
			map[string]CheckStatus{CritCodeOfConduct: Met, CritDueDiligence: Met, CritStaffTraining: Met}, true},
		{"a civil society organisation, one accepted", KindCSO,
			Facts{Declared: set(CritRegistered, CritNoConflict), Accepted: set(CritRegistered)},
			map[string]CheckStatus{CritRegistered: Met, CritNoConflict: NeedsEvidence}, false},
		{"a State's facts mean nothing to a business", KindBusiness, submitted,
			map[string]CheckStatus{CritCodeOfConduct: NotMet, CritDueDiligence: NotMet, CritStaffTraining: NotMet}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Evaluate(tc.kind, tc.f)
			if diff := cmp.Diff(tc.want, statuses(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if AllMet(got) != tc.all {
				t.Errorf("AllMet = %v, want %v", !tc.all, tc.all)
			}
		})
	}
}

func TestEvaluateMarksAcceptedAndEvidence(t *testing.T) {
	got := Evaluate(KindState, Facts{Party: true, Evidence: set(CritParty, CritCoordination), Accepted: set(CritParty, CritCoordination)})
	want := []Check{{CritParty, Met, true, false}, {CritCriminalization, NotMet, false, false}, {CritActionPlan, NotMet, false, false},
		{CritCoordination, Met, true, true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the records win over accepted evidence; accepted evidence is marked (-want +got):\n%s", diff)
	}
	if w := Waiting(Evaluate(KindCSO, Facts{Declared: set(CritNoConflict)})); !cmp.Equal(w, []string{CritNoConflict}) {
		t.Errorf("Waiting = %v", w)
	}
	if AllMet(nil) {
		t.Error("no criteria are not all met")
	}
}
