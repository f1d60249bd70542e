package intake

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// init turns this process into a PDF reader when its parent asked for one
// (see PDFText); otherwise it does nothing.
func init() {
	if os.Getenv(childEnv) == childPDFText {
		os.Exit(runPDFReader(os.Stdin, os.Stdout, os.Stderr))
	}
}

// runPDFReader reads a PDF on in and writes its text to out, page by page,
// stopping once more than the allowed text is written. It first holds
// itself to the memory its parent allows.
func runPDFReader(in io.Reader, out, errOut io.Writer) int {
	memory, _ := strconv.ParseInt(os.Getenv(childMemoryEnv), 10, 64)
	text, _ := strconv.ParseInt(os.Getenv(childTextEnv), 10, 64)
	if memory > 0 {
		debug.SetMemoryLimit(memory * 3 / 4)
		limitMemory(memory)
	}
	data, err := io.ReadAll(in)
	if err != nil {
		fmt.Fprintln(errOut, err)
		return exitUnreadable
	}
	w := bufio.NewWriter(out)
	if err := writeText(w, data, text); err != nil {
		fmt.Fprintln(errOut, err)
		return exitUnreadable
	}
	if err := w.Flush(); err != nil {
		return 1
	}
	return 0
}

// writeText writes the text of each page; the PDF reader's panics on
// malformed input become an error.
func writeText(w *bufio.Writer, data []byte, max int64) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("read pdf: %v", p)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("read pdf: %w", err)
	}
	written := int64(0)
	for i := 1; i <= r.NumPage(); i++ {
		t, err := r.Page(i).GetPlainText(nil)
		if err != nil {
			return fmt.Errorf("read page %d: %w", i, err)
		}
		n, _ := w.WriteString(t)
		if written += int64(n); max > 0 && written > max {
			return nil // the parent sees more than it allows and refuses
		}
	}
	return nil
}
