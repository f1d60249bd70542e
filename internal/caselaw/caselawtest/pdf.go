// Package caselawtest holds what tests of the case law room share: a real
// judgment file to upload.
package caselawtest

import "github.com/tipsom/tipsom/internal/intake/intaketest"

// MinimalPDF is a one-page judgment showing lines: the smallest real file
// a test can upload.
func MinimalPDF(lines ...string) []byte { return intaketest.TextPDF(lines...) }
