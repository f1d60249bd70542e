package caselaw

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tipsom/tipsom/internal/errs"
)

func known(code string) bool { return code == "NGA" || code == "BEN" || code == "ITA" }

func months(n int) *int { return &n }

// sample is a complete, publishable trafficking case.
func sample() Case {
	return Case{ID: "NGA-2019-001", CrimeTypes: []string{"trafficking_in_persons"}, Country: "NGA",
		Court: "Federal High Court, Lagos", CourtLevel: "first_instance", DecisionDate: "2019-05-02",
		Title: "Federal Republic of Nigeria v. A. and B.", Languages: []string{"en"},
		Summary: map[string]string{"en": "The accused recruited three women by deception for sexual exploitation in Italy."},
		Defendants: []Defendant{{Sex: "female", Age: 34, Nationality: "NGA", Role: "recruiter",
			Charges: []Charge{{Legislation: "TIPLEA 2015, s. 13", Charge: "Trafficking for sexual exploitation", Verdict: "convicted", ImprisonmentMonths: months(48)}}}},
		VictimCount: 3, Victims: []Victim{{Name: "A.O.", Sex: "female", AgeGroup: "adult", Nationality: "NGA"}},
		Keywords: Keywords{Acts: []string{"recruitment"}, Means: []string{"deception"}, Purposes: []string{"sexual_exploitation"}, Forms: []string{"transnational"}}}
}

func fields(err error) []string {
	if err == nil {
		return nil
	}
	var out []string
	for _, f := range errs.As(err).Fields {
		out = append(out, f.Field+"="+f.Key)
	}
	return out
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(c *Case)
		want []string
	}{
		{"valid", func(c *Case) {}, nil},
		{"bad id", func(c *Case) { c.ID = "nga 2019" }, []string{"id=err.caselaw_id_format"}},
		{"id of another country", func(c *Case) { c.ID = "BEN-2019-001" }, []string{"id=err.caselaw_id_country"}},
		{"unknown codes", func(c *Case) {
			c.CrimeTypes = []string{"piracy"}
			c.CourtLevel = "district"
			c.Defendants[0].Charges[0].Verdict = "guilty"
			c.Keywords.Purposes = []string{"fun"}
		}, []string{"crime_types=err.caselaw_unknown_value", "court_level=err.caselaw_unknown_value",
			"defendants.0.charges.0.verdict=err.caselaw_unknown_value", "keywords.purposes=err.caselaw_unknown_value"}},
		{"missing", func(c *Case) { c.Court, c.Summary, c.DecisionDate = "", nil, "" },
			[]string{"court=err.required", "decision_date=err.required", "summary=err.required"}},
		{"victims", func(c *Case) { c.VictimCount = 0; c.Victims[0].Nationality = "XXX" },
			[]string{"victim_count=err.caselaw_victim_count_list", "victims.0.nationality=err.caselaw_unknown_country"}},
		{"text language", func(c *Case) { c.Summary["de"] = "Zusammenfassung" }, []string{"summary.de=err.caselaw_text_language"}},
	}
	for _, c := range cases {
		k := sample()
		c.edit(&k)
		k.Normalise()
		if diff := cmp.Diff(c.want, fields(k.Validate(known))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

func TestInclusion(t *testing.T) {
	k := sample()
	if err := k.Inclusion(); err != nil {
		t.Fatalf("complete case: %v", err)
	}
	k.Keywords.Means = nil
	if diff := cmp.Diff([]string{"keywords.means=err.caselaw_inclusion_means"}, fields(k.Inclusion())); diff != "" {
		t.Errorf("no means (-want +got):\n%s", diff)
	}
	k.Victims[0].AgeGroup = "child"
	if err := k.Inclusion(); err != nil {
		t.Errorf("child victim needs no means: %v", err)
	}
	k.Keywords.Acts, k.Keywords.Purposes = nil, nil
	if got := len(fields(k.Inclusion())); got != 2 {
		t.Errorf("no act nor purpose: %d fields", got)
	}
	k.CrimeTypes = []string{"smuggling_of_migrants"}
	if err := k.Inclusion(); err != nil {
		t.Errorf("smuggling case: %v", err)
	}
}

func TestIdentifiers(t *testing.T) {
	k := sample()
	k.Summary["en"] = "Call +234 803 555 0199 or write to victim.one@example.com; passport A12345678. Decided on 2019-05-02, 3 women. Grace said so."
	k.Summary["fr"] = "Rien à signaler (10 ans)."
	k.Victims = append(k.Victims, Victim{Name: "Grace Okafor", Sex: "female", AgeGroup: "adult"})
	k.VictimCount = 3
	want := []Finding{
		{Field: "victims.1.name", Kind: "name", Match: "Grace Okafor"},
		{Field: "summary.en", Kind: "email", Match: "victim.one@example.com"},
		{Field: "summary.en", Kind: "phone", Match: "+234 803 555 0199"},
		{Field: "summary.en", Kind: "passport", Match: "A12345678"},
		{Field: "summary.en", Kind: "name", Match: "Grace"},
	}
	if diff := cmp.Diff(want, k.Identifiers()); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if s := sample(); len(s.Identifiers()) != 0 {
		t.Errorf("clean case flagged: %+v", s.Identifiers())
	}
}
