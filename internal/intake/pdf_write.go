package intake

import (
	"bytes"
	"fmt"
	"strings"
)

// TextPDF writes a one-page PDF showing lines in Helvetica (WinAnsi),
// each wrapped at 88 characters, with a correct cross-reference table:
// the demo documents of the rooms and the smallest real document a test
// can upload. Its text can be extracted like an uploaded document's.
func TextPDF(lines ...string) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 11 Tf 56 760 Td 14 TL\n")
	esc := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "’", "'")
	for _, l := range wrapLines(lines, 88) {
		fmt.Fprintf(&content, "(%s) Tj T*\n", esc.Replace(l))
	}
	content.WriteString("ET")
	return OnePagePDF([]byte(content.String()), "")
}

// wrapLines breaks each line at width characters, between words.
func wrapLines(lines []string, width int) []string {
	var out []string
	for _, text := range lines {
		var line string
		for _, w := range strings.Fields(text) {
			if line != "" && len(line)+len(w) >= width {
				out = append(out, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		out = append(out, line)
	}
	return out
}

// OnePagePDF writes a PDF whose one A4 page shows content, a content
// stream already encoded as filter says ("" for none, or for instance
// "/Filter /FlateDecode ").
func OnePagePDF(content []byte, filter string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
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
