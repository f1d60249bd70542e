package caselaw

import (
	"bytes"
	"fmt"
	"strings"
)

// JudgmentPDF writes a one-page PDF of a fictional demo judgment: its
// title, court, English summary and reasoning, headed as a fictional demo
// record. It draws text in Helvetica (WinAnsi), so the text can be
// extracted and searched like an uploaded judgment's.
func JudgmentPDF(c *Case) []byte {
	lines := []string{"FICTIONAL DEMO RECORD - composed by tipsom for its demonstration, not a real judgment", "",
		c.Title, c.Court, ""}
	wrap := func(text string) {
		var line string
		for _, w := range strings.Fields(text) {
			if len(line)+len(w) > 88 {
				lines = append(lines, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		lines = append(lines, line, "")
	}
	lines = append(lines, "Facts")
	wrap(c.Summary["en"])
	lines = append(lines, "Reasoning")
	wrap(c.Reasoning["en"])
	var content strings.Builder
	content.WriteString("BT /F1 11 Tf 56 760 Td 14 TL\n")
	for _, l := range lines {
		l = strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "’", "'").Replace(l)
		fmt.Fprintf(&content, "(%s) Tj T*\n", l)
	}
	content.WriteString("ET")
	body := content.String()
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(body), body),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
