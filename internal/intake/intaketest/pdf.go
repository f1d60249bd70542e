// Package intaketest makes the files that tests hand to tipsom's readers:
// small real ones, and hostile ones that unzip or inflate far beyond their
// size.
package intaketest

import (
	"bytes"
	"compress/zlib"
	"fmt"

	"strings"
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
	return onePage([]byte(content.String()), "")
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
	return onePage(z.Bytes(), "/Filter /FlateDecode ")
}

// onePage writes a PDF whose one page shows content (already encoded as
// filter says).
func onePage(content []byte, filter string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"", // the content stream, written below
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		if o == "" {
			fmt.Fprintf(&b, "<< %s/Length %d >>\nstream\n", filter, len(content))
			b.Write(content)
			b.WriteString("\nendstream")
		} else {
			b.WriteString(o)
		}
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
