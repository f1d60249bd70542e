package caselaw

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestImportExport: an import publishes what passes, holds back what the
// identifier check flags, keeps drafts with --draft; re-importing the same
// file changes nothing; a changed case becomes a new revision; the export
// reads back unchanged.
func TestImportExport(t *testing.T) {
	runService(t, func(t *testing.T, ctx context.Context, s *Service) {
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
