// Package htmlpdf prints one self-contained HTML document to an A4 PDF with
// headless Chromium: the plumbing of the rooms' PDF exports (an
// assessment's answers, a list), so that a PDF is the same page a reader
// sees, in any of the six languages (the machine's Noto fonts draw Arabic
// and Chinese).
package htmlpdf

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

// DefaultChromium is where Debian's package puts the browser.
const DefaultChromium = "/usr/bin/chromium"

// margin is the page's margin on every side, in inches (15 mm).
const margin = 15 / 25.4

// MaxHTML bounds the document handed to the browser.
const MaxHTML = 32 << 20

// Printer prints HTML documents.
type Printer struct {
	Chromium string        // DefaultChromium when empty
	Timeout  time.Duration // one minute when zero
}

func (p Printer) chromium() string {
	if p.Chromium == "" {
		return DefaultChromium
	}
	return p.Chromium
}

// Available reports whether the browser is installed, so a page can offer
// the PDF only where it can be made.
func (p Printer) Available() bool {
	_, err := exec.LookPath(p.chromium())
	return err == nil
}

// Print renders html (a whole document, its styles inline: it is opened
// from a file, with no network) and returns the PDF.
func (p Printer) Print(ctx context.Context, html []byte) ([]byte, error) {
	if len(html) > MaxHTML {
		return nil, fmt.Errorf("print: document of %d bytes is over %d", len(html), MaxHTML)
	}
	if !p.Available() {
		return nil, fmt.Errorf("print: no Chromium at %s (apt-get install chromium)", p.chromium())
	}
	dir, err := os.MkdirTemp("", "tipsom-print-")
	if err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "doc.html")
	if err := os.WriteFile(file, html, 0o600); err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	timeout := p.Timeout
	if timeout == 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(p.chromium()), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-background-networking", true), chromedp.UserDataDir(filepath.Join(dir, "profile")))
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(actx)
	defer cancelTab()
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+file)); err != nil {
		return nil, fmt.Errorf("print: open the document: %w", err)
	}
	out, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFMargins(margin, margin, margin, margin),
		chromedp.PDFPrintBackground(), chromedp.PDFOutlineAndTagged(), chromedp.PDFStream()))
	if err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	return out, nil
}
