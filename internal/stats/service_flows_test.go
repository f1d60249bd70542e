package stats_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/stats"
)

// handmade is a small file in the published layout. 2020 has no count
// below 5 (Brazil and China are "<5" at source); 2021 has a count of 3 for
// disclosure control to withhold. "Martian" names no country.
const handmade = `UNODC,unodc_ddds@un.org
30/05/2023
Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source
FRA,France,Europe,Western Europe,Detected trafficking victims,by citizenship,Nationals,Total,Total,2020,Counts,100,test
FRA,France,Europe,Western Europe,Detected trafficking victims,by citizenship,Romania,Total,Total,2020,Counts,40,test
FRA,France,Europe,Western Europe,Detected trafficking victims,by citizenship,Nigeria,Total,Total,2020,Counts,30,test
FRA,France,Europe,Western Europe,Detected trafficking victims,by citizenship,Brazil,Total,Total,2020,Counts,<5,test
FRA,France,Europe,Western Europe,Detected trafficking victims,by citizenship,China,Total,Total,2020,Counts,<5,test
FRA,France,Europe,Western Europe,Detected trafficking victims,by citizenship,Martian,Total,Total,2020,Counts,12,test
NGA,Nigeria,Africa,Sub-Saharan Africa,Detected trafficking victims,by citizenship,Nationals,Total,Total,2020,Counts,200,test
NGA,Nigeria,Africa,Sub-Saharan Africa,Detected trafficking victims,by citizenship,Benin,Total,Total,2020,Counts,20,test
NGA,Nigeria,Africa,Sub-Saharan Africa,Detected trafficking victims,by citizenship,Ghana,Total,Total,2020,Counts,<5,test
USA,United States of America,Americas,Northern America,Detected trafficking victims,by citizenship,Mexico,Total,Total,2020,Counts,50,test
USA,United States of America,Americas,Northern America,Detected trafficking victims,by citizenship,Nationals,Total,Total,2020,Counts,60,test
USA,United States of America,Americas,Northern America,Detected trafficking victims,by citizenship,Thailand,Total,Total,2020,Counts,7,test
USA,United States of America,Americas,Northern America,Detected trafficking victims,by citizenship,France,Total,Total,2020,Counts,9,test
FRA,France,Europe,Western Europe,Detected trafficking victims,by citizenship,Nationals,Total,Total,2021,Counts,100,test
FRA,France,Europe,Western Europe,Detected trafficking victims,by citizenship,Romania,Total,Total,2021,Counts,40,test
FRA,France,Europe,Western Europe,Detected trafficking victims,by citizenship,Brazil,Total,Total,2021,Counts,3,test
FRA,France,Europe,Western Europe,Detected trafficking victims,by citizenship,Nigeria,Total,Total,2021,Counts,30,test
NGA,Nigeria,Africa,Sub-Saharan Africa,Detected trafficking victims,by citizenship,Nationals,Total,Total,2021,Counts,200,test
NGA,Nigeria,Africa,Sub-Saharan Africa,Detected trafficking victims,by citizenship,Benin,Total,Total,2021,Counts,20,test
FRA,France,Europe,Western Europe,Detected trafficking victims,Total,Total,Total,Total,2020,Counts,3,test
NGA,Nigeria,Africa,Sub-Saharan Africa,Detected trafficking victims,Total,Total,Total,Total,2020,Counts,220,test
`

// english names countries and groups by code, as tests compare them.
var english = stats.Namer{
	Country: func(iso3 string) string { return iso3 },
	Group:   func(_ *geo.Grouping, group string) string { return group },
	T:       func(key string, _ ...any) string { return key },
}

// text writes a published cell as downloads do.
func text(c stats.Cell) string { return c.Text() }

// flowTexts maps "origin>destination" (origin label when unknown) to the
// flow's class and published text.
func flowTexts(f *stats.Flows) map[string]string {
	out := map[string]string{}
	for _, fl := range f.Flows {
		o := fl.Origin
		if o == "" {
			o = "?" + fl.OriginLabel
		}
		out[o+">"+fl.Destination] = fmt.Sprintf("%s %s %v", fl.Class, text(fl.Cell), fl.Counted)
	}
	return out
}

func TestFlowsClassification(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		importFile(t, s, "handmade.csv", []byte(handmade))
		f := flows(t, s, stats.FlowQuery{Year: 2020})
		want := map[string]string{
			"FRA>FRA": "domestic 100 true", "ROU>FRA": "intraregional 40 true", "NGA>FRA": "transregional 30 true",
			"BRA>FRA": "transregional <5 false", "CHN>FRA": "transregional <5 false", "?Martian>FRA": "unclassified 12 true",
			"NGA>NGA": "domestic 200 true", "BEN>NGA": "intraregional 20 true", "GHA>NGA": "intraregional <5 false",
			"MEX>USA": "intraregional 50 true", "USA>USA": "domestic 60 true", "THA>USA": "transregional 7 true",
			"FRA>USA": "transregional 9 true",
		}
		if diff := cmp.Diff(want, flowTexts(f)); diff != "" {
			t.Errorf("flows (-want +got):\n%s", diff)
		}
		matrix := map[string]string{}
		for _, m := range f.Matrix {
			if m.Kind != stats.KindMissing {
				matrix[m.Origin+">"+m.Destination] = text(m.Cell)
			}
		}
		wantMatrix := map[string]string{"150>150": "140", "002>150": "30", "019>150": "<5", "142>150": "<5", ">150": "12",
			"002>002": "220", "019>019": "110", "142>019": "7", "150>019": "9"}
		if diff := cmp.Diff(wantMatrix, matrix); diff != "" {
			t.Errorf("region matrix (-want +got):\n%s", diff)
		}
		totals := map[string]string{"total": text(f.Total)}
		for _, d := range f.Dests {
			totals["to "+d.Group] = text(d.Cell)
		}
		for _, o := range f.Origins {
			totals["from "+o.Group] = text(o.Cell)
		}
		for k, v := range map[string]string{"total": "528", "to 150": "182", "to 002": "220", "to 019": "126", "from 150": "149",
			"from 002": "250", "from 019": "110", "from 142": "7", "from ": "12", "to 009": ""} {
			if totals[k] != v {
				t.Errorf("%s: %q, want %q", k, totals[k], v)
			}
		}
		classes := map[string]string{}
		for _, c := range f.Classes {
			classes[c.Class] = fmt.Sprintf("%s/%d", text(c.Cell), c.Flows)
		}
		if diff := cmp.Diff(map[string]string{"domestic": "360/3", "intraregional": "110/3", "transregional": "46/3", "foreign": "/0", "unclassified": "12/1"}, classes); diff != "" {
			t.Errorf("classes (-want +got):\n%s", diff)
		}
		shares := map[string]string{}
		for _, s := range f.Shares {
			for _, c := range s.Classes {
				if c.Share != nil {
					shares[s.Destination+" "+c.Class] = fmt.Sprintf("%.1f", *c.Share)
				}
			}
		}
		wantShares := map[string]string{"150 domestic": "54.9", "150 intraregional": "22.0", "150 transregional": "16.5", "150 unclassified": "6.6",
			"002 domestic": "90.9", "002 intraregional": "9.1",
			"019 domestic": "47.6", "019 intraregional": "39.7", "019 transregional": "12.7"}
		if diff := cmp.Diff(wantShares, shares); diff != "" {
			t.Errorf("shares (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]stats.UnknownLabel{{Label: "Martian", Cells: 1}}, f.Coverage.UnknownOrigins); diff != "" {
			t.Errorf("unknown origins (-want +got):\n%s", diff)
		}
		if f.Coverage.DestinationsReporting != 3 || f.Coverage.SuppressedCells != 3 {
			t.Errorf("coverage %+v", f.Coverage)
		}
	})
}

// TestFlowsThresholdAndGrouping: a higher threshold counts fewer flows but
// changes no total; another grouping classifies the same flows otherwise.
func TestFlowsThresholdAndGrouping(t *testing.T) {
	dbtest.RunWith(t, newService, func(t *testing.T, s *stats.Service) {
		importFile(t, s, "handmade.csv", []byte(handmade))
		f := flows(t, s, stats.FlowQuery{Year: 2020, Min: 10})
		counted := map[string]int{}
		for _, c := range f.Classes {
			counted[c.Class] = c.Flows
		}
		if diff := cmp.Diff(map[string]int{"domestic": 3, "intraregional": 3, "transregional": 1, "foreign": 0, "unclassified": 1}, counted); diff != "" {
			t.Errorf("flows of at least 10 (-want +got):\n%s", diff)
		}
		if text(f.Total) != "528" {
			t.Errorf("total %s, want 528 whatever the threshold", text(f.Total))
		}
		f = flows(t, s, stats.FlowQuery{Year: 2020, Grouping: "un-regional-groups"})
		got := flowTexts(f)
		for k, v := range map[string]string{"ROU>FRA": "transregional 40 true", "FRA>USA": "intraregional 9 true",
			"MEX>USA": "transregional 50 true", "BEN>NGA": "intraregional 20 true", "FRA>FRA": "domestic 100 true"} {
			if got[k] != v {
				t.Errorf("UN regional groups, %s: %q, want %q", k, got[k], v)
			}
		}
		if _, err := s.Flows(ctx, stats.FlowQuery{Year: 2020, Grouping: "no-such-grouping"}, english); err == nil {
			t.Error("unknown grouping accepted")
		}
	})
}

// TestFlowsDisclosure: in 2021 France reports 3 victims from Brazil,
// published as "<5" like the source's own: it adds nothing to any total.
// No published figure is from 1 to 4, and no published total leaves
// exactly one withheld figure to subtract.
func TestFlowsDisclosure(t *testing.T) {
	dbtest.RunWith(t, newService, func(t *testing.T, s *stats.Service) {
		importFile(t, s, "handmade.csv", []byte(handmade))
		f := flows(t, s, stats.FlowQuery{Year: 2021})
		small := func(where string, c stats.Cell) {
			if n, ok := c.Count(); ok && n > 0 && n < stats.MinPublished {
				t.Errorf("%s: %d published", where, n)
			}
		}
		if got := flowTexts(f)["BRA>FRA"]; got != "transregional <5 false" {
			t.Errorf("Brazil → France: %q, want <5", got)
		}
		cells := map[string]stats.Cell{}
		for _, fl := range f.Flows {
			small("flow "+fl.Origin+">"+fl.Destination, fl.Cell)
		}
		for _, m := range f.Matrix {
			small("matrix "+m.Origin+">"+m.Destination, m.Cell)
			cells[m.Origin+">"+m.Destination] = m.Cell
		}
		check := func(name string, total stats.Cell, parts []stats.Cell) {
			withheld := 0
			for _, p := range parts {
				if p.Kind == stats.KindWithheld {
					withheld++
				}
			}
			if total.Kind == stats.KindCount && withheld == 1 {
				t.Errorf("%s: one withheld cell beside a published total", name)
			}
		}
		for i, g := range f.Groups {
			var row, col []stats.Cell
			for _, h := range f.Groups {
				row, col = append(row, cells[g.Code+">"+h.Code]), append(col, cells[h.Code+">"+g.Code])
			}
			check("row "+g.Code, f.Origins[i].Cell, row)
			check("column "+g.Code, f.Dests[i].Cell, col)
			var cls []stats.Cell
			for _, c := range f.Shares[i].Classes {
				small("class "+g.Code+" "+c.Class, c.Cell)
				cls = append(cls, c.Cell)
				if c.Kind == stats.KindWithheld && c.Share != nil {
					t.Errorf("withheld class %s %s has a share", g.Code, c.Class)
				}
			}
			check("classes of "+g.Code, f.Shares[i].Total, cls)
		}
		if text(f.Total) != "390" || f.Coverage.SuppressedCells != 1 {
			t.Errorf("total %s with %d cells <5 left out, want 390 and Brazil's", text(f.Total), f.Coverage.SuppressedCells)
		}
		if n := strings.Count(fmt.Sprint(flowTexts(f)), " x "); n != 0 {
			t.Errorf("%d flows withheld, want none (France has no total to subtract from): %v", n, flowTexts(f))
		}
	})
}

// TestSampleFlows checks flows of the published sample by hand: Nigeria
// 2020 (Nationals 1,068; Togo 5; "Benin Rep", by the reviewed table, is
// Benin: 9 more victims from Africa), Nigeria
// 2019 (Sri Lanka 8: Asia → Africa), Thailand 2020 (Thailand 76 is
// domestic; Cambodia 5; Syria is in Western Asia, so intraregional).
func TestSampleFlows(t *testing.T) {
	dbtest.RunWith(t, newService, func(t *testing.T, s *stats.Service) {
		importFile(t, s, "sample.csv", sample(t, "csv"))
		f := flows(t, s, stats.FlowQuery{Year: 2020})
		got := flowTexts(f)
		for k, v := range map[string]string{"NGA>NGA": "domestic 1068 true", "TGO>NGA": "intraregional 5 true",
			"BEN>NGA": "intraregional 9 true", "GHA>NGA": "intraregional <5 false", "THA>THA": "domestic 76 true",
			"KHM>THA": "intraregional 5 true", "VNM>THA": "intraregional <5 false", "SYR>THA": "intraregional <5 false"} {
			if got[k] != v {
				t.Errorf("2020 %s: %q, want %q", k, got[k], v)
			}
		}
		if c := f.MatrixCell("002", "002"); text(c) != "1082" {
			t.Errorf("Africa → Africa 2020: %s, want 1082 (with Benin's 9)", text(c))
		}
		f = flows(t, s, stats.FlowQuery{Year: 2019})
		if got := flowTexts(f)["LKA>NGA"]; got != "transregional 8 true" {
			t.Errorf("Sri Lanka → Nigeria 2019: %q", got)
		}
	})
}

// flows answers q in English, or stops the test.
func flows(t *testing.T, s *stats.Service, q stats.FlowQuery) *stats.Flows {
	t.Helper()
	f, err := s.Flows(ctx, q, english)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
