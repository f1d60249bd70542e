// Package intaketest makes the files that tests hand to tipsom's readers:
// small real ones, and hostile ones that unzip or inflate far beyond their
// size. (A small real PDF is intake.TextPDF, which the demo uses too.)
package intaketest

import (
	"bytes"
	"compress/zlib"

	"github.com/tipsom/tipsom/internal/intake"
)

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
