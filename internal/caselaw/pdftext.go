package caselaw

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"
)

// maxExtracted bounds the text kept from one file for search.
const maxExtracted = 8 << 20

// pdfText extracts the text of a PDF for search, page by page. A PDF the
// reader cannot parse (scanned images, damaged files) yields an error; the
// file is still kept, only not searchable by its words. The reader is
// guarded against panics on malformed input.
func pdfText(data []byte) (text string, err error) {
	defer func() {
		if p := recover(); p != nil {
			text, err = "", fmt.Errorf("read pdf: %v", p)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("read pdf: %w", err)
	}
	rd, err := r.GetPlainText()
	if err != nil {
		return "", fmt.Errorf("read pdf text: %w", err)
	}
	b, err := io.ReadAll(io.LimitReader(rd, maxExtracted))
	if err != nil {
		return "", fmt.Errorf("read pdf text: %w", err)
	}
	return strings.ToValidUTF8(string(b), " "), nil
}
