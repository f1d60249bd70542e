package intake

import (
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
)

// Limits bound one kind of file. A zero field is not checked (the reader
// for that format has nothing to count), never "unlimited by accident":
// each route sets what its format needs.
type Limits struct {
	Bytes    int64         // the file as sent
	Unzipped int64         // XLSX: every part of the archive, unzipped
	Ratio    int64         // XLSX: how many times a part may inflate
	Rows     int           // data rows (CSV, XLSX) or lines (JSON lines)
	Line     int           // JSON lines: bytes in one line
	Text     int64         // text extracted from a document
	Memory   int64         // PDF: memory of the reader process
	Time     time.Duration // PDF: wall-clock time of the reader process
}

// The message keys of the limits, one per kind, in internal/web/locales.
const (
	KeyBytes    = "err.limit_bytes"
	KeyUnzipped = "err.limit_unzipped"
	KeyRatio    = "err.limit_ratio"
	KeyRows     = "err.limit_rows"
	KeyLine     = "err.limit_line"
	KeyText     = "err.limit_text"
	KeyMemory   = "err.limit_pdf_memory"
	KeyTime     = "err.limit_pdf_time"
)

// Exceeded is the error for a file over one of its limits: 413, on the
// form field that carried the file, naming the limit with its value.
func Exceeded(field, key string, max int64) *errs.Error {
	e := &errs.Error{Kind: errs.KindTooLarge, Key: "err.limit_exceeded"}
	return e.Field(field, key, "Max", Size(key, max))
}

// Size renders a limit's value for the message: megabytes for sizes,
// seconds for time, the plain number for counts.
func Size(key string, max int64) string {
	switch key {
	case KeyRows, KeyLine, KeyRatio:
		return fmt.Sprint(max)
	case KeyTime:
		return fmt.Sprint(time.Duration(max).Round(time.Second).Seconds())
	}
	if max >= 1<<20 && max%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", max>>20)
	}
	if max >= 1<<10 && max%(1<<10) == 0 {
		return fmt.Sprintf("%d KB", max>>10)
	}
	return fmt.Sprintf("%d bytes", max)
}

// CheckBytes refuses data longer than l.Bytes.
func (l Limits) CheckBytes(field string, n int64) error {
	if l.Bytes > 0 && n > l.Bytes {
		return Exceeded(field, KeyBytes, l.Bytes)
	}
	return nil
}

// CheckRow refuses the n-th row (counting from 1) when it is past l.Rows.
func (l Limits) CheckRow(field string, n int) error {
	if l.Rows > 0 && n > l.Rows {
		return Exceeded(field, KeyRows, int64(l.Rows))
	}
	return nil
}

// Describe lists the limits that are set, for command-line help and logs.
func (l Limits) Describe() string {
	s := ""
	add := func(name, key string, v int64) {
		if v > 0 {
			if s != "" {
				s += ", "
			}
			s += name + " " + Size(key, v)
		}
	}
	add("file", KeyBytes, l.Bytes)
	add("unzipped", KeyUnzipped, l.Unzipped)
	add("inflation ratio", KeyRatio, l.Ratio)
	add("rows", KeyRows, int64(l.Rows))
	add("line", KeyLine, int64(l.Line))
	add("text", KeyText, l.Text)
	add("memory", KeyMemory, l.Memory)
	if l.Time > 0 {
		add("time (s)", KeyTime, int64(l.Time))
	}
	return s
}
