package stats

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Fuzz targets for the importer's parsers. Plain `go test` runs their seeds;
// `go test -fuzz FuzzReadCSV` (etc.) explores from them. Inputs a fuzz run
// finds failing are kept under testdata/fuzz as regression seeds.

const sampleCSVHead = "UNODC,unodc_ddds@un.org\n30/05/2023\n" +
	"Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source\n" +
	"ALB,Albania,Europe,Southern Europe,Persons convicted,Total,Total,Total,Total,2003,Counts,40,GLOTIP\n" +
	"NGA,Nigeria,Africa,Sub-Saharan Africa,Detected trafficking victims,Total,Total,Total,Total,2008,Counts,\"1,269\",GLOTIP\n" +
	"ALB,Albania,Europe,Southern Europe,Detected trafficking victims,by country of repatriation,Ukraine,Total,Total,2014,Counts,<5,GLOTIP\n"

// FuzzParseValue: ParseValue never panics; a count it reads is never
// negative and prints back as digits that read as the same count; any
// non-negative count written with thousands separators reads back as itself.
func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"", " ", "0", "40", "1,282", "1 282", "1\u00a0282", "12.0", "12.5", "<5", "< 5", "-3", "-0",
		"abc", "1e3", "NaN", "Inf", "-0.0", "9223372036854775807", "9223372036854775808", "1e19", "0x1p4", "1,,2", ",", "\u202f"} {
		f.Add(s, int64(len(s)*997))
	}
	f.Fuzz(func(t *testing.T, s string, n int64) {
		v, problem := ParseValue(s)
		if problem == valueOK {
			switch v.Kind {
			case KindCount:
				if v.N < 0 {
					t.Fatalf("ParseValue(%q) = %d, a negative count", s, v.N)
				}
				text := v.String()
				if strings.Trim(text, "0123456789") != "" || text == "" {
					t.Fatalf("ParseValue(%q) prints as %q, not digits", s, text)
				}
				if back, p := ParseValue(text); p != valueOK || back != v {
					t.Fatalf("ParseValue(%q) = %+v prints as %q, which reads as %+v (%q)", s, v, text, back, p)
				}
			case KindSuppressed, KindMissing:
				if back, p := ParseValue(v.String()); p != valueOK || back != v {
					t.Fatalf("ParseValue(%q) = %+v does not survive a round trip: %+v (%q)", s, v, back, p)
				}
			default:
				t.Fatalf("ParseValue(%q) = kind %q", s, v.Kind)
			}
		} else if v != (Value{}) {
			t.Fatalf("ParseValue(%q) reports %q yet returns %+v", s, problem, v)
		}
		if n < 0 {
			return
		}
		if v, p := ParseValue(thousands(n)); p != valueOK || v != Count(n) {
			t.Fatalf("ParseValue(%q) = %+v (%q), want %d", thousands(n), v, p, n)
		}
	})
}

// thousands writes n with a comma every three digits, as txtVALUE does.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// FuzzReadCSV: any bytes through ReadFile end in records or an error, never
// a panic; every record carries a line number of at least 1, and (for CSV)
// lines only go forward.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(sampleCSVHead))
	f.Add([]byte("\ufeff" + sampleCSVHead))
	f.Add([]byte(strings.ReplaceAll(sampleCSVHead, "\n", "\r\n")))
	f.Add([]byte(strings.Join(Columns, ",") + "\n"))
	f.Add([]byte(strings.Join(Columns, ",") + "\nA,\"multi\nline\",x\n\nB\n"))
	f.Add([]byte("a\nb\nc\n"))
	// Regression seeds: a quoting error in the first field of a record made
	// readCSV call FieldPos(0) on a record with no fields, which panics.
	f.Add([]byte("\"unterminated\n"))
	f.Add([]byte(sampleCSVHead + "AL\"B,Albania\n"))
	f.Add([]byte("x,\"a\"b\n"))
	f.Add([]byte(""))
	f.Add([]byte("PK\x03\x04"))
	if b, err := os.ReadFile("../../../shared/data/glotip/sample.csv"); err == nil {
		f.Add(b[:min(len(b), 4096)])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		csvPath := !bytes.HasPrefix(data, []byte("PK\x03\x04"))
		last := 0
		ReadFile(data, ImportLimits, func(r Record) error {
			if r.Line < 1 {
				t.Fatalf("record with line %d: %+v", r.Line, r)
			}
			if csvPath && r.Line <= last {
				t.Fatalf("record at line %d after one at line %d", r.Line, last)
			}
			last = r.Line
			return nil
		})
	})
}

// tinyXLSX is a valid file in the published layout: metadata, header, two
// rows, Year as a number.
func tinyXLSX(tb testing.TB) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{{"UNODC", "unodc_ddds@un.org"}, {"30/05/2023"}, nil,
		{"ALB", "Albania", "Europe", "Southern Europe", "Persons convicted", "Total", "Total", "Total", "Total", 2003, "Counts", "40", "GLOTIP"},
		{"NGA", "Nigeria", "Africa", "Sub-Saharan Africa", "Detected trafficking victims", "Total", "Total", "Total", "Total", 2008, "Counts", "1,269", "GLOTIP"},
	}
	for _, c := range Columns {
		rows[2] = append(rows[2], c)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// xlsxDeadline bounds reading one small fuzzed file: a file that makes the
// reader spin (an upload that never finishes importing) is a failure too.
const xlsxDeadline = 10 * time.Second

// FuzzReadXLSX: any bytes through the XLSX reader end in records or an
// error, never a panic, and every record carries a row number of at least 1.
func FuzzReadXLSX(f *testing.F) {
	tiny := tinyXLSX(f)
	f.Add(tiny)
	f.Add(tiny[:len(tiny)/2])
	if b, err := os.ReadFile("../../../shared/data/glotip/sample.xlsx"); err == nil {
		f.Add(b[:min(len(b), 4096)])
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18))) // an empty zip
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		var bad *Record
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			err = readXLSX(data, ImportLimits, func(r Record) error {
				if r.Line < 1 && bad == nil {
					bad = &r
				}
				n++
				return nil
			})
		}()
		select {
		case <-done:
		case <-time.After(xlsxDeadline):
			t.Fatalf("reading a %d-byte file took more than %s (%d records so far)", len(data), xlsxDeadline, n)
		}
		if bad != nil {
			t.Fatalf("record with row %d: %+v", bad.Line, *bad)
		}
		if bytes.Equal(data, tiny) && (err != nil || n != 2) {
			t.Fatalf("the valid seed gave %d records, %v", n, err)
		}
	})
}

// fuzzEnv knows a few countries and names, as a database would.
var fuzzEnv = Env{
	Known: func(iso3 string) bool { return iso3 == "ALB" || iso3 == "NGA" || iso3 == "BOL" || iso3 == "UKR" },
	Resolve: func(name string) (string, bool) {
		iso3, ok := map[string]string{"albania": "ALB", "nigeria": "NGA", "ukraine": "UKR"}[strings.ToLower(strings.TrimSpace(name))]
		return iso3, ok
	},
	Categories: map[string][]string{DimExploitation: {"Domestic servitude"}},
	Year:       2024,
	Source:     "fuzz.csv",
}

// FuzzValidate: Validate never panics on any record, and every finding
// names at least one line, each a line of the input. The fuzzed record is
// validated beside variants of it (same key with another value, the same
// value again, its total) so dedupe, conflicts and breakdowns see it too.
func FuzzValidate(f *testing.F) {
	f.Add("ALB", "Detected trafficking victims", "Total", "Total", "Female", "Total", "2019", "12", uint8(0xff))
	f.Add("BOL", "Persons convicted", "by form of exploitation", "Forced labour", "Total", "0 to 17 years", "2017", "<5", uint8(3))
	f.Add("NGA", "prosecuted", "by citizenship", "Nationals", "Male", "Unknown", "2010.0", "1,282", uint8(5))
	f.Add("UKR", "Detected trafficking victims", "by country of repatriation", "Abroad", "Total", "Total", "2020", "", uint8(9))
	f.Add("SAM", "Detected trafficking victims", "Total", "Total", "Total", "Total", "2020", "7", uint8(0x11))
	f.Add("ALB", "Detected trafficking victims", "by route", "ALB>NGA>UKR", "Total", "Total", "2021", "4", uint8(0x21))
	f.Add("", "x", "by citizenship", "", "?", "?", "1800", "-1", uint8(0x40))
	f.Add("a/b", "offences", "by mode of transport", "Sea", "other", "adult", "99999999999999999999", "12.5", uint8(0x80))
	f.Fuzz(func(t *testing.T, iso3, indicator, dimension, category, sex, age, year, value string, shape uint8) {
		rec := Record{ISO3: iso3, Country: "Fuzzland", Indicator: indicator, Dimension: dimension, Category: category,
			Sex: sex, Age: age, Year: year, Unit: "Counts", Value: value, Source: "GLOTIP"}
		records := []Record{rec}
		variant := func(change func(*Record)) {
			r := rec
			change(&r)
			records = append(records, r)
		}
		if shape&1 != 0 {
			variant(func(r *Record) {}) // duplicate
		}
		if shape&2 != 0 {
			variant(func(r *Record) { r.Value = "999" }) // conflict
		}
		if shape&4 != 0 {
			variant(func(r *Record) { r.Sex, r.Value = "Total", "1" }) // a total below its part
		}
		if shape&8 != 0 {
			variant(func(r *Record) { r.Age, r.Value = "Total", "<5" })
		}
		if shape&16 != 0 {
			variant(func(r *Record) { r.Dimension, r.Category = "Total", "Total" })
		}
		if shape&32 != 0 {
			variant(func(r *Record) { r.ISO3 = "CAR" }) // a published aggregate
		}
		if shape&64 != 0 {
			variant(func(r *Record) { r.Value, r.Unit = "x", "" })
		}
		lines := map[int]bool{}
		for i := range records {
			records[i].Line = 4 + int(shape>>7) + i
			lines[records[i].Line] = true
		}
		res := Validate(records, fuzzEnv)
		if res.Read != len(records) {
			t.Fatalf("read %d of %d records", res.Read, len(records))
		}
		for _, fd := range res.Findings {
			if len(fd.Lines) == 0 {
				t.Fatalf("finding without a line: %+v", fd)
			}
			for _, l := range fd.Lines {
				if !lines[l] {
					t.Fatalf("finding names line %d, not a line of the input: %+v", l, fd)
				}
			}
		}
		for _, o := range append(res.Observations, res.Aggregates...) {
			if !lines[o.Line] {
				t.Fatalf("observation from line %d, not a line of the input: %+v", o.Line, o)
			}
		}
	})
}
