package collection_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/stats"
	"github.com/tipsom/tipsom/internal/stats/collection"
	"github.com/tipsom/tipsom/internal/web"
)

// row finds the questionnaire row of a detected-victims cell of 2022.
func row(t *testing.T, f *excelize.File, dim, cat, sex, age string) int {
	t.Helper()
	rows, err := f.GetRows("data_glotip_1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 9 && r[4] == "Detected trafficking victims" && r[5] == dim && r[6] == cat && r[7] == sex && r[8] == age && r[9] == "2022" {
			return i + 1
		}
	}
	t.Fatalf("no row %s/%s/%s/%s", dim, cat, sex, age)
	return 0
}

// TestQuestionnaireRoundTrip: the questionnaire is the published layout,
// pre-filled with the country and the figures already published, with
// instructions in the focal point's language; filled with excelize and
// uploaded, it becomes the draft; a file with errors is kept as a draft
// and each problem points at its cell.
func TestQuestionnaireRoundTrip(t *testing.T) {
	dbtest.RunWith(t, newFixture, func(t *testing.T, f *fixture) {
		published := publishedCSV("ISL,Iceland,Europe,Northern Europe,Detected trafficking victims,Total,Total,Total,Total,2022,Counts,40,GLOTIP")
		if rep, err := f.stats.Import(ctx, analyst, "glotip.csv", published, stats.ImportOptions{}); err != nil || !rep.Stored {
			t.Fatalf("import: %v %+v", err, rep)
		}
		r := f.openRound(t)
		sub := f.start(t, fpISL, r)
		cat, err := web.NewCatalog(collection.Locales, stats.Locales)
		if err != nil {
			t.Fatal(err)
		}
		fr, _ := web.LangByCode("fr")
		var buf bytes.Buffer
		name, err := f.svc.Questionnaire(ctx, fpISL, sub.ID, cat.For(fr), &buf)
		if err != nil || name != "questionnaire-ISL-round-"+strconv.FormatInt(r.ID, 10)+".xlsx" {
			t.Fatalf("questionnaire %q: %v", name, err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		sheets := x.GetSheetList()
		if len(sheets) != 2 || sheets[0] != "data_glotip_1" {
			t.Fatalf("sheets %v", sheets)
		}
		steps, _ := x.GetCellValue(sheets[1], "A4")
		if want := cat.For(fr).T("collection.xlsx_step_fill"); steps != want || strings.HasPrefix(steps, "1. Fill") {
			t.Errorf("instructions in French: %q", steps)
		}
		total := row(t, x, "Total", "Total", "Total", "Total")
		if v, _ := x.GetCellValue("data_glotip_1", "L"+strconv.Itoa(total)); v != "40" {
			t.Fatalf("total pre-filled with %q, want the published 40", v)
		}
		if v, _ := x.GetCellValue("data_glotip_1", "A"+strconv.Itoa(total)); v != "ISL" {
			t.Fatalf("country %q", v)
		}
		female := row(t, x, "Total", "Total", "Female", "Total")
		free := row(t, x, "by citizenship", "", "Total", "Total")
		x.SetCellValue("data_glotip_1", "L"+strconv.Itoa(female), "25")
		x.SetCellValue("data_glotip_1", "G"+strconv.Itoa(free), "Albania")
		x.SetCellValue("data_glotip_1", "L"+strconv.Itoa(free), "3")
		var filled bytes.Buffer
		if _, err := x.WriteTo(&filled); err != nil {
			t.Fatal(err)
		}
		rep, err := f.svc.Upload(ctx, fpISL, sub.ID, "filled.xlsx", filled.Bytes())
		if err != nil || !rep.Stored || rep.Errors() != 0 || rep.Cells != 3 {
			t.Fatalf("upload: %v %+v", err, rep)
		}
		view, err := f.svc.Submission(ctx, fpISL, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, c := range view.Draft {
			got[c.Sex+"/"+c.Category] = c.Text
		}
		if got["female/Total"] != "25" || got["total/Albania"] != "3" || got["total/Total"] != "40" {
			t.Fatalf("draft after upload: %v", got)
		}

		x.SetCellValue("data_glotip_1", "L"+strconv.Itoa(female), "4O")
		x.SetCellValue("data_glotip_1", "L"+strconv.Itoa(total), "2")
		x.SetCellValue("data_glotip_1", "L"+strconv.Itoa(row(t, x, "Total", "Total", "Male", "Total")), "5")
		filled.Reset()
		x.WriteTo(&filled)
		rep, err = f.svc.Upload(ctx, fpISL, sub.ID, "errors.xlsx", filled.Bytes())
		if err != nil || !rep.Stored {
			t.Fatalf("upload with errors is kept as a draft: %v %+v", err, rep)
		}
		en := cat.For(web.DefaultLang)
		var msgs []string
		for _, p := range rep.Problems {
			msgs = append(msgs, p.Located(en))
		}
		wantNaN := "L" + strconv.Itoa(female) + `: "4O" is neither a count nor <5.`
		wantSum := "L" + strconv.Itoa(total) + ", "
		if len(msgs) != 2 || !strings.HasPrefix(msgs[0], wantSum) || !strings.Contains(msgs[0], "more than the total (2)") || msgs[1] != wantNaN {
			t.Fatalf("problems %q", msgs)
		}
		_, err = f.svc.Submit(ctx, fpISL, sub.ID)
		mustKind(t, "submit a draft with errors", err, errs.KindInvalid)
	})
}
