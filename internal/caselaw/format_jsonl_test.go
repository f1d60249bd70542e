package caselaw

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
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

// TestImportExport: an import publishes what passes, holds back what the
// identifier check flags, keeps drafts with --draft; re-importing the same
// file changes nothing; a changed case becomes a new revision; the export
// reads back unchanged.
func TestImportExport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newService(t, d)
		a, b, c := sample(), sample(), sample()
		b.ID, b.Title = "NGA-2019-002", "Second"
		c.ID, c.Summary = "NGA-2019-003", map[string]string{"fr": "Contactez le +33 6 12 34 56 78 pour la victime."}
		file := jsonLine(t, a) + "\n" + jsonLine(t, b) + "\n" + jsonLine(t, c) + "\n"
		lines, err := ReadJSONL(strings.NewReader(file), known)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(ctx, fpNGA, lines, false); err == nil {
			t.Fatal("a focal point imported")
		}
		rep, err := s.Import(ctx, editor, lines, false)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Added != 3 || rep.Published != 2 || len(rep.Held) != 1 || rep.Held[0].Line != 3 || rep.Held[0].Findings[0].Kind != "phone" {
			t.Fatalf("report: %+v", rep)
		}
		if got := find(t, s, "second"); len(got) != 1 {
			t.Fatalf("imported case not searchable: %v", got)
		}
		if rep, _ = s.Import(ctx, editor, lines, false); rep.Unchanged != 3 {
			t.Fatalf("re-import: %+v", rep)
		}
		b.Title = "Second, corrected"
		lines, _ = ReadJSONL(strings.NewReader(jsonLine(t, b)), known)
		if rep, _ = s.Import(ctx, editor, lines, true); rep.Revised != 1 || rep.Drafts != 1 {
			t.Fatalf("draft re-import: %+v", rep)
		}
		if pub, _ := s.Public(ctx, b.ID); pub.Case.Title != "Second" || pub.LatestRev != 2 {
			t.Fatalf("draft import changed the public case: %+v", pub)
		}
		var out bytes.Buffer
		n, err := s.Export(ctx, &out)
		if err != nil || n != 2 {
			t.Fatalf("export: %d %v", n, err)
		}
		lines, err = ReadJSONL(&out, known)
		if err != nil || len(lines) != 2 {
			t.Fatalf("export reads back: %v", err)
		}
		if rep, _ = s.Import(ctx, editor, lines, false); rep.Unchanged != 1 || rep.Revised != 1 {
			t.Fatalf("export re-imported: %+v", rep)
		}
	})
}
