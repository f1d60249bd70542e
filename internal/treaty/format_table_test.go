package treaty

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/geo"
)

const header = `Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"` + "\n"

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Time
		bad  bool
	}{
		{in: "14 Dec 2000", want: day(2000, 12, 14)},
		{in: "14 December 2000", want: day(2000, 12, 14)},
		{in: "4 Dec 2000", want: day(2000, 12, 4)},
		{in: "04 Dec 2000", want: day(2000, 12, 4)},
		{in: "  4   dec   2000 ", want: day(2000, 12, 4)},
		{in: "14-Dec-2000", want: day(2000, 12, 14)},
		{in: "1 Sept. 2003", want: day(2003, 9, 1)},
		{in: "2000-12-14", want: day(2000, 12, 14)},
		{in: "29 Feb 2012", want: day(2012, 2, 29)},
		{in: "29 Feb 2011", bad: true},
		{in: "31 Apr 2004", bad: true},
		{in: "14 Foo 2000", bad: true},
		{in: "14/12/2000", bad: true},
		{in: "Dec 14 2000", bad: true},
		{in: "2000-13-01", bad: true},
		{in: "", bad: true},
	} {
		got, err := ParseDate(tc.in)
		if (err != nil) != tc.bad || !got.Equal(tc.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v (bad %v)", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

func TestParseConsent(t *testing.T) {
	for _, tc := range []struct {
		in       string
		date     time.Time
		kind     Kind
		badDate  bool
		badKind  bool
		wantMark string
	}{
		{in: "21 Aug 2002", date: day(2002, 8, 21), kind: KindRatification},
		{in: "7 Jun 2004 a", date: day(2004, 6, 7), kind: KindAccession},
		{in: "27 Jul 2005 A", date: day(2005, 7, 27), kind: KindAcceptance},
		{in: "21 May 2004 AA", date: day(2004, 5, 21), kind: KindApproval},
		{in: "23 Oct 2006 d", date: day(2006, 10, 23), kind: KindSuccession},
		{in: "3 Mar 2010 c", date: day(2010, 3, 3), kind: KindConfirmation},
		{in: "7 Jun 2004a", date: day(2004, 6, 7), kind: KindAccession},
		{in: "7 Jun 2004 (a)", date: day(2004, 6, 7), kind: KindAccession},
		{in: "7 June 2004  AA ", date: day(2004, 6, 7), kind: KindApproval},
		{in: "2004-06-07 d", date: day(2004, 6, 7), kind: KindSuccession},
		{in: "7 Jun 2004 x", badKind: true, wantMark: "x"},
		{in: "7 Jun 2004 aa", badKind: true, wantMark: "aa"},
		{in: "7 Jun 2004 D", badKind: true, wantMark: "D"},
		{in: "7 Jun 200 a", badDate: true},
		{in: "a", badDate: true},
		{in: "7 Jun 2004 a a", badDate: true},
	} {
		date, kind, err := parseConsent(tc.in)
		var uk errUnknownKind
		isKind := err != nil && asUnknownKind(err, &uk)
		switch {
		case tc.badKind:
			if !isKind || uk.mark != tc.wantMark {
				t.Errorf("parseConsent(%q): err %v, want unknown kind %q", tc.in, err, tc.wantMark)
			}
		case tc.badDate:
			if err == nil || isKind {
				t.Errorf("parseConsent(%q): err %v, want an unreadable date", tc.in, err)
			}
		case err != nil || !date.Equal(tc.date) || kind != tc.kind:
			t.Errorf("parseConsent(%q) = %v %q %v; want %v %q", tc.in, date, kind, err, tc.date, tc.kind)
		}
	}
}

func asUnknownKind(err error, uk *errUnknownKind) bool {
	k, ok := err.(errUnknownKind)
	*uk = k
	return ok
}

func TestParseTable(t *testing.T) {
	res := NewResolver(nil)
	for _, tc := range []struct {
		name, csv string
		want      []Action
		withRes   bool
	}{
		{name: "UNTC header with a BOM and a state, an accession and the EU",
			csv: "\ufeff" + header + "Iceland,13 Dec 2000,13 May 2010\nBahrain,,7 Jun 2004 a\nEuropean Union,12 Dec 2000,21 May 2004 AA\n",
			want: []Action{
				{Participant: "ISL", ISO3: "ISL", UNName: "Iceland", Signature: day(2000, 12, 13), Consent: day(2010, 5, 13), Kind: KindRatification},
				{Participant: "BHR", ISO3: "BHR", UNName: "Bahrain", Consent: day(2004, 6, 7), Kind: KindAccession},
				{Participant: "European Union", UNName: "European Union", Signature: day(2000, 12, 12), Consent: day(2004, 5, 21), Kind: KindApproval},
			}},
		{name: "header listing formal confirmation, extra spaces, CRLF, a signatory and a blank line",
			csv: " Participant , Signature ,\" Ratification,  Acceptance(A), Approval(AA), Formal confirmation(c), Accession(a), Succession(d) \"\r\n" +
				"Japan,12 Dec 2000,\r\n\r\nTürkiye,13 December 2000,25 Mar 2003\r\n",
			want: []Action{
				{Participant: "JPN", ISO3: "JPN", UNName: "Japan", Signature: day(2000, 12, 12)},
				{Participant: "TUR", ISO3: "TUR", UNName: "Türkiye", Signature: day(2000, 12, 13), Consent: day(2003, 3, 25), Kind: KindRatification},
			}},
		{name: "dropped trailing cell and a reservations column",
			csv:     "Participant,Signature,Ratification,Reservations and declarations\nBarbados,26 Sep 2001\nCuba,13 Dec 2000,9 Feb 2007,\"Declaration: article 35(2).\"\n",
			withRes: true,
			want: []Action{
				{Participant: "BRB", ISO3: "BRB", UNName: "Barbados", Signature: day(2001, 9, 26)},
				{Participant: "CUB", ISO3: "CUB", UNName: "Cuba", Signature: day(2000, 12, 13), Consent: day(2007, 2, 9), Kind: KindRatification, Reservations: "Declaration: article 35(2)."},
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tc.csv), res)
			if err != nil {
				t.Fatal(err)
			}
			if got.HasReservations != tc.withRes {
				t.Errorf("HasReservations = %v", got.HasReservations)
			}
			if diff := cmp.Diff(tc.want, got.Actions); diff != "" {
				t.Errorf("actions (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseReportsEveryBadLine checks one bad file yields every problem,
// each with its line number, in file order.
func TestParseReportsEveryBadLine(t *testing.T) {
	csv := header +
		"Iceland,13 Dec 2000,13 May 2010\n" + // 2: fine
		"Narnia,12 Dec 2000,\n" + // 3: unknown participant
		"Kenya,,16 Jun 2004 x\n" + // 4: unknown kind
		"Japan,31 Feb 2000,\n" + // 5: no such day
		"Iceland,,1 Jan 2011\n" + // 6: twice
		"Chad,,\n" + // 7: no action
		"Oz,soon,later\n" + // 8: unknown participant and two bad dates
		"Peru,14 Dec 2000,23 Jan 2002,extra\n" // 9: too many columns
	_, err := Parse(strings.NewReader(csv), NewResolver(nil))
	e := errs.As(err)
	if e.Kind != errs.KindInvalid {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Field+" "+f.Key)
	}
	want := []string{
		"line 3 err.treaty_unknown_participant",
		"line 4 err.treaty_kind_invalid",
		"line 5 err.treaty_date_invalid",
		"line 6 err.treaty_participant_twice",
		"line 7 err.treaty_no_action",
		"line 8 err.treaty_unknown_participant",
		"line 8 err.treaty_date_invalid",
		"line 8 err.treaty_date_invalid",
		"line 9 err.treaty_csv_columns",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if e.Fields[0].Args["Name"] != "Narnia" || e.Fields[0].Args["Line"] != 3 || e.Fields[3].Args["First"] != 2 {
		t.Errorf("args: %v %v", e.Fields[0].Args, e.Fields[3].Args)
	}
}

func TestParseRefusesFiles(t *testing.T) {
	for name, csv := range map[string]string{
		"empty":       "",
		"header only": header,
		"not UNTC":    "iso3,year,population\nISL,2020,1\n",
		"two columns": "Participant,Signature\nIceland,13 Dec 2000\n",
	} {
		_, err := Parse(strings.NewReader(csv), NewResolver(nil))
		if e := errs.As(err); e.Kind != errs.KindInvalid || len(e.Fields) != 1 {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestResolveSpellings checks the UN's older and current spellings, CLDR's
// names and copies with footnote markers or odd apostrophes all resolve.
func TestResolveSpellings(t *testing.T) {
	res := NewResolver(geo.NewService(nil).Countries())
	for name, want := range map[string]string{
		"Türkiye": "TUR", "Turkiye": "TUR", "Turkey": "TUR", "Eswatini": "SWZ", "Swaziland": "SWZ",
		"Czechia": "CZE", "Czech Republic": "CZE", "North Macedonia": "MKD",
		"The former Yugoslav Republic of Macedonia": "MKD", "Netherlands (Kingdom of the)": "NLD",
		"Netherlands": "NLD", "Bolivia (Plurinational State of)": "BOL", "Venezuela (Bolivarian Republic of)": "VEN",
		"Iran (Islamic Republic of)": "IRN", "Micronesia (Federated States of)": "FSM", "Republic of Moldova": "MDA",
		"United Kingdom of Great Britain and Northern Ireland": "GBR", "State of Palestine": "PSE", "Holy See": "VAT",
		"Côte d'Ivoire": "CIV", "Côte d’Ivoire": "CIV", "Cote d'Ivoire": "CIV", "St. Kitts and Nevis": "KNA",
		"Saint Lucia": "LCA", "St Vincent and the Grenadines": "VCT", "Cabo Verde": "CPV", "Cape Verde": "CPV",
		"Lao People's Democratic Republic": "LAO", "Libyan Arab Jamahiriya": "LBY", "Denmark 3": "DNK",
		"Belgium²": "BEL", "France*": "FRA", "Iraq 4, 5": "IRQ", "  viet   nam ": "VNM", "Germany": "DEU",
		"United Kingdom": "GBR", "Cook Islands": "COK", "Niue": "NIU",
	} {
		p, ok := res.Resolve(name)
		if !ok || p.ISO3 != want {
			t.Errorf("Resolve(%q) = %+v %v, want %s", name, p, ok, want)
		}
	}
	for _, eu := range []string{"European Union", "European Community", "EUROPEAN UNION 1"} {
		if p, ok := res.Resolve(eu); !ok || p.ISO3 != "" || p.Key() != "European Union" {
			t.Errorf("Resolve(%q) = %+v %v", eu, p, ok)
		}
	}
	for _, bad := range []string{"Narnia", "", "12", "Macedonia of the North"} {
		if p, ok := res.Resolve(bad); ok {
			t.Errorf("Resolve(%q) = %+v", bad, p)
		}
	}
}

// TestUNSpellingsAreCountries checks every code in the hand-written table
// is an ISO 3166-1 code geo knows, and every UN Member State is there.
func TestUNSpellingsAreCountries(t *testing.T) {
	g := geo.NewService(nil)
	codes := map[string]bool{}
	for name, iso3 := range geo.UNSpellings() {
		if !g.Known(iso3) {
			t.Errorf("%s: %s is not an ISO 3166-1 code", name, iso3)
		}
		codes[iso3] = true
	}
	// 193 Member States, plus the Holy See, the State of Palestine, the Cook Islands and Niue.
	if len(codes) != 197 {
		t.Errorf("%d distinct codes, want 197", len(codes))
	}
}
