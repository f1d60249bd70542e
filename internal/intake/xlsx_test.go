package intake_test

import (
	"errors"
	"testing"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/intake/intaketest"
)

var row = []string{"ISL", "Iceland", "Europe", "Northern Europe", "Detected trafficking victims", "Total", "Total", "Total", "Total", "2020", "Counts", "12", "Ministry of Justice"}

func TestOpenXLSXBombs(t *testing.T) {
	bomb := intaketest.XLSX([][]string{{"header"}}, row, 6_000_000)
	for _, c := range []struct {
		name string
		data []byte
		lim  intake.Limits
		want string
	}{
		{"six million rows, inflation bounded", bomb, intake.Limits{Bytes: 50 << 20, Unzipped: 8 << 30, Ratio: 100}, intake.KeyRatio},
		{"six million rows, unzipped size bounded", bomb, intake.Limits{Bytes: 50 << 20, Unzipped: 128 << 20}, intake.KeyUnzipped},
		{"the file itself too large", bomb, intake.Limits{Bytes: 1 << 20}, intake.KeyBytes},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := intake.OpenXLSX("file", c.data, c.lim)
			e := errs.As(err)
			if e.Kind != errs.KindTooLarge || e.FieldKey("file") != c.want {
				t.Fatalf("bomb of %d bytes: err = %v, want %s", len(c.data), err, c.want)
			}
		})
	}
	t.Run("a header that lies about the size", func(t *testing.T) {
		// The sheet declares 4 KB and inflates to 20 MB: no more than the
		// declared size is ever read, so at most a few rows come out.
		f, err := intake.OpenXLSX("file", intaketest.LyingXLSX(20<<20), intake.Limits{Bytes: 50 << 20, Unzipped: 128 << 20, Ratio: 100})
		if err != nil {
			if !errors.Is(err, intake.ErrUnreadable) {
				t.Fatalf("err = %v, want unreadable", err)
			}
			return
		}
		defer f.Close()
		rows, err := f.Rows(f.GetSheetList()[0])
		if err != nil {
			return
		}
		n := 0
		for rows.Next() {
			n++
		}
		if n > 4096/26 {
			t.Fatalf("%d rows read from a sheet declared as 4 KB", n)
		}
	})
	t.Run("a real workbook opens", func(t *testing.T) {
		f, err := intake.OpenXLSX("file", intaketest.XLSX([][]string{{"header"}}, row, 500), intake.Limits{Bytes: 1 << 20, Unzipped: 1 << 20, Ratio: 100})
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetList()[0])
		if err != nil || len(rows) != 501 || rows[500][12] != "Ministry of Justice" {
			t.Fatalf("%d rows, %v", len(rows), err)
		}
	})
}
