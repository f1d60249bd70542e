// Package intaketest makes the files that tests hand to tipsom's readers:
// small real ones, and hostile ones that unzip or inflate far beyond their
// size.
package intaketest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"

	"github.com/tipsom/tipsom/internal/intake"
)

// TextPDF writes a one-page PDF showing lines in Helvetica, with a correct
// cross-reference table: the smallest real document a test can upload.
func TextPDF(lines ...string) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
	for _, l := range lines {
		l = strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(l)
		fmt.Fprintf(&content, "(%s) Tj T*\n", l)
	}
	content.WriteString("ET")
	return intake.OnePagePDF([]byte(content.String()), "")
}

// PDFBomb writes a one-page PDF of a few hundred kilobytes whose content
// stream inflates to n bytes of operands with no operator to consume them:
// a reader that keeps what it parses holds several times n in memory.
func PDFBomb(n int64) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	chunk := bytes.Repeat([]byte("0 "), 32<<10)
	for left := n; left > 0; left -= int64(len(chunk)) {
		zw.Write(chunk[:min(int64(len(chunk)), left)])
	}
	zw.Close()
	return intake.OnePagePDF(z.Bytes(), "/Filter /FlateDecode ")
}
