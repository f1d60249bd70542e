package intake_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
	"github.com/tipsom/tipsom/internal/intake/intaketest"
)

var judgment = intake.Limits{Bytes: 25 << 20, Text: 1 << 20, Memory: 256 << 20, Time: 15 * time.Second}

func TestPDFText(t *testing.T) {
	ctx := context.Background()
	got, err := intake.PDFText(ctx, "file", intake.TextPDF("Judgment of the Federal High Court", "The accused harboured the victims in Kano."), judgment)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "harboured") || !strings.Contains(got, "Federal High Court") {
		t.Fatalf("text = %q", got)
	}
	if _, err := intake.PDFText(ctx, "file", []byte("%PDF-1.4 garbage"), judgment); !errors.Is(err, intake.ErrNoText) {
		t.Fatalf("garbage: err = %v, want ErrNoText", err)
	}
}

// TestPDFBomb: a page whose content stream inflates to 200 MB of operands
// is refused for memory, quickly, with the limit named on the field.
func TestPDFBomb(t *testing.T) {
	bomb := intaketest.PDFBomb(200 << 20)
	start := time.Now()
	_, err := intake.PDFText(context.Background(), "file", bomb, judgment)
	took := time.Since(start)
	e := errs.As(err)
	if e.Kind != errs.KindTooLarge || e.FieldKey("file") != intake.KeyMemory {
		t.Fatalf("bomb of %d bytes: err = %v, want the memory limit on file", len(bomb), err)
	}
	t.Logf("bomb of %d bytes refused in %v", len(bomb), took)
}

// TestPDFTextLimits: the text and time limits are each named when passed.
func TestPDFTextLimits(t *testing.T) {
	ctx := context.Background()
	long := intake.TextPDF(strings.Repeat("many words of a long judgment ", 200))
	_, err := intake.PDFText(ctx, "file", long, intake.Limits{Bytes: 1 << 20, Text: 1000, Memory: 256 << 20, Time: 15 * time.Second})
	if errs.As(err).FieldKey("file") != intake.KeyText {
		t.Fatalf("long text: err = %v, want the text limit", err)
	}
	_, err = intake.PDFText(ctx, "file", intaketest.PDFBomb(200<<20), intake.Limits{Bytes: 1 << 20, Memory: 4 << 30, Time: 50 * time.Millisecond})
	if errs.As(err).FieldKey("file") != intake.KeyTime {
		t.Fatalf("slow file: err = %v, want the time limit", err)
	}
	_, err = intake.PDFText(ctx, "file", long, intake.Limits{Bytes: 100})
	if errs.As(err).FieldKey("file") != intake.KeyBytes {
		t.Fatalf("big file: err = %v, want the size limit", err)
	}
}
