package caselaw

import "github.com/tipsom/tipsom/internal/intake"

// JudgmentPDF writes a one-page PDF of a fictional demo judgment: its
// title, court, English summary and reasoning, headed as a fictional demo
// record. It draws text in Helvetica (WinAnsi), so the text can be
// extracted and searched like an uploaded judgment's.
func JudgmentPDF(c *Case) []byte {
	return intake.TextPDF("FICTIONAL DEMO RECORD - composed by tipsom for its demonstration, not a real judgment", "",
		c.Title, c.Court, "", "Facts", c.Summary["en"], "", "Reasoning", c.Reasoning["en"], "")
}
