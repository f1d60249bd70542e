package caselaw

import (
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/caselaw/caselawtest"
)

func TestPDFText(t *testing.T) {
	got, err := pdfText(caselawtest.MinimalPDF("Judgment of the Federal High Court", "The accused harboured the victims in Kano."))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "harboured") || !strings.Contains(got, "Federal High Court") {
		t.Fatalf("text = %q", got)
	}
	if _, err := pdfText([]byte("%PDF-1.4 garbage")); err == nil {
		t.Fatal("garbage read as a PDF")
	}
}
