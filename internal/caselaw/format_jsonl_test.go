package caselaw

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func jsonLine(t testing.TB, c Case) string {
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReadJSONLReportsEveryLine: each bad line is reported with its
// number and field, and nothing is returned.
func TestReadJSONLReportsEveryLine(t *testing.T) {
	good := sample()
	bad := sample()
	bad.ID, bad.CourtLevel = "NGA-2019-002", "district"
	file := strings.Join([]string{
		jsonLine(t, good),
		"",
		`{"id": "NGA-2019-003", "colour": "red"}`,
		jsonLine(t, bad),
		`{not json`,
		jsonLine(t, good),
	}, "\n")
	_, err := ReadJSONL(strings.NewReader(file), known)
	want := []string{
		"line 3=err.caselaw_json",
		"line 4: court_level=err.caselaw_unknown_value",
		"line 5=err.caselaw_json",
		"line 6: id=err.caselaw_duplicate",
	}
	if diff := cmp.Diff(want, fields(err)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	lines, err := ReadJSONL(strings.NewReader("\ufeff"+jsonLine(t, good)+"\n"), known)
	if err != nil || len(lines) != 1 || lines[0].N != 1 {
		t.Fatalf("good file: %+v %v", lines, err)
	}
	if _, err := ReadJSONL(strings.NewReader("\n\n"), known); fields(err)[0] != "file=err.caselaw_file_empty" {
		t.Fatalf("empty file: %v", err)
	}
}

// FuzzReadJSONL: any input is either refused with line-numbered findings
// or read into valid cases that survive a write and a second read unchanged.
func FuzzReadJSONL(f *testing.F) {
	f.Add(jsonLine(f, sample()))
	f.Add(`{"id":"NGA-2019-001","crime_types":["smuggling_of_migrants"],"country":"NGA","court":"C","court_level":"appeal","decision_date":"2020-02-29","title":"T","languages":["fr"],"summary":{"fr":"é"},"defendants":[],"victim_count":0,"victims":[],"keywords":{}}`)
	f.Add("{}\n[]\n\"x\"\n")
	f.Add(`{"id":"NGA-2019-001","summary":{"en":"a"}} {"x":1}`)
	f.Add("\ufeff\n\n{\"defendants\":[{\"charges\":[{\"imprisonment_months\":-1}]}]}")
	f.Fuzz(func(t *testing.T, in string) {
		lines, err := ReadJSONL(strings.NewReader(in), known)
		if err != nil {
			for _, fe := range errorsOf(err) {
				if !IsLineField(fe) && fe != "file" {
					t.Fatalf("finding %q names no line", fe)
				}
			}
			return
		}
		var buf bytes.Buffer
		for _, l := range lines {
			if err := l.Case.Validate(known); err != nil {
				t.Fatalf("line %d read but invalid: %v", l.N, err)
			}
			if err := WriteJSONL(&buf, l.Case); err != nil {
				t.Fatal(err)
			}
		}
		again, err := ReadJSONL(&buf, known)
		if err != nil || len(again) != len(lines) {
			t.Fatalf("re-read: %v", err)
		}
		for i := range lines {
			if diff := cmp.Diff(lines[i].Case, again[i].Case); diff != "" {
				t.Fatalf("round trip of line %d (-first +second):\n%s", lines[i].N, diff)
			}
		}
	})
}

func errorsOf(err error) []string {
	var out []string
	for _, f := range fields(err) {
		out = append(out, strings.SplitN(f, "=", 2)[0])
	}
	return out
}
