package caselaw

import (
	"time"

	"github.com/tipsom/tipsom/internal/intake"
)

// MaxAttachment is the largest judgment file accepted: 25 MB.
const MaxAttachment = 25 << 20

// JudgmentLimits bound a judgment file: its size, and the reader that
// extracts its text for search and the identifier check (a process of its
// own, held to its memory and time). A file whose text cannot be read
// within them is refused: its text could not be checked.
var JudgmentLimits = intake.Limits{Bytes: MaxAttachment, Text: 8 << 20, Memory: 256 << 20, Time: 15 * time.Second}

// Attachment is a file of a case (the judgment as PDF), stored in the
// database with its digest and sniffed type.
type Attachment struct {
	ID          int64     `json:"id"`
	Rev         int       `json:"-"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	Searchable  bool      `json:"searchable"` // its text was extracted
	CreatedAt   time.Time `json:"created_at"`
	Data        []byte    `json:"-"`
	Findings    []Finding `json:"-"` // the identifier check's, in its text
}

// KB is the size in kilobytes, rounded up.
func (a Attachment) KB() int64 { return (a.Size + 1023) / 1024 }

// fileFindings runs the identifier check over a file's text, with the
// victims' names of the case it belongs to.
func (c *Case) fileFindings(name, text string) []Finding {
	return scan("files."+name, text, c.victimNames())
}

// nonNil keeps an empty list "[]" in JSON, as the columns expect.
func nonNil(fs []Finding) []Finding {
	if fs == nil {
		return []Finding{}
	}
	return fs
}
