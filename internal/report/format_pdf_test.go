package report_test

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/unicode/norm"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/report"
	"github.com/tipsom/tipsom/internal/stats"
)

// chromiumOrSkip returns the browser, skipping the test without one (and
// failing it in CI, where it must be installed).
func chromiumOrSkip(t *testing.T) string {
	t.Helper()
	for _, name := range []string{report.DefaultChromium, "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium: install Debian's chromium to print the report")
	}
	t.Skip("no Chromium: the PDF test needs Debian's chromium")
	return ""
}

// TestPDFHoldsKeyFindings prints the sample edition in English and French
// and finds every key finding of the index page in the text of the PDF,
// the table of contents with page numbers, and A4 pages.
func TestPDFHoldsKeyFindings(t *testing.T) {
	browser := chromiumOrSkip(t)
	_, svc := startWithSample(t, db.SQLite)
	e, err := svc.Build(t.Context(), report.Spec{Edition: "pdf", Years: stats.Span{From: 2010, To: 2021}, Langs: []string{"en", "fr"}, PDF: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := e.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	if err := (report.Printer{Chromium: browser}).Print(t.Context(), dir, e); err != nil {
		t.Fatal(err)
	}
	for _, prefix := range []string{"", "fr/"} {
		data, err := os.ReadFile(filepath.Join(dir, prefix+"report.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		pages := pdfPages(t, data)
		text := normalize(strings.Join(pages, " "))
		findings := keyFindings(string(e.Files[prefix+"index.html"]))
		if len(findings) < 4 {
			t.Fatalf("%sindex.html has only %d key findings", prefix, len(findings))
		}
		for _, f := range findings {
			if !strings.Contains(text, normalize(f)) {
				t.Errorf("%sreport.pdf lacks the key finding %q", prefix, f)
			}
		}
		checkContents(t, prefix, pages)
		checkA4(t, data)
	}
}

// keyFindings are the sentences of an index page's key findings.
func keyFindings(page string) []string {
	list := regexp.MustCompile(`(?s)<ul class="findings">(.*?)</ul>`).FindStringSubmatch(page)
	if list == nil {
		return nil
	}
	var out []string
	for _, m := range regexp.MustCompile(`(?s)<li>(.*?)</li>`).FindAllStringSubmatch(list[1], -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// pdfPages extracts the text of each page of a PDF, with the Go reader
// tipsom already uses for judgments.
func pdfPages(t *testing.T, data []byte) []string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	pages := make([]string, r.NumPage())
	for i := range pages {
		if pages[i], err = r.Page(i + 1).GetPlainText(nil); err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
	}
	return pages
}

// checkContents reads the table of contents (the page headed Contents or
// Sommaire: a line with a chapter title, then a line with its page) and
// checks that every chapter begins on the page it gives, and that there is
// a page number in the footer of each page ("N / total").
func checkContents(t *testing.T, prefix string, pages []string) {
	t.Helper()
	toc := -1
	for i, p := range pages {
		if lines := pageLines(p); len(lines) > 0 && (lines[0] == "Contents" || lines[0] == "Sommaire") {
			toc = i
			break
		}
	}
	if toc < 0 {
		t.Fatalf("%sreport.pdf has no table of contents", prefix)
	}
	lines := pageLines(pages[toc])[1:]
	entries := 0
	for i := 0; i+1 < len(lines); i += 2 {
		n, err := strconv.Atoi(lines[i+1])
		if err != nil {
			break // the page footer
		}
		entries++
		if n < 1 || n > len(pages) {
			t.Errorf("%sreport.pdf: contents give page %d for %q, of %d", prefix, n, lines[i], len(pages))
			continue
		}
		// A chapter's page opens with its heading, under the breadcrumb of
		// the places above it.
		if head := pageLines(pages[n-1]); !slices.Contains(head[:min(len(head), 5)], lines[i]) {
			t.Errorf("%sreport.pdf: contents say %q begins on page %d, which begins %.80q", prefix, lines[i], n, pages[n-1])
		}
	}
	if entries < 5 {
		t.Errorf("%sreport.pdf: only %d entries in the contents: %.300q", prefix, entries, pages[toc])
	}
	for i, p := range pages {
		footer := fmt.Sprintf("%d / %d", i+1, len(pages))
		if !strings.HasSuffix(normalize(p), footer) {
			t.Errorf("%sreport.pdf: page %d does not end with its number %q", prefix, i+1, footer)
		}
	}
}

// pageLines are a page's non-empty lines, normalised.
func pageLines(page string) []string {
	var out []string
	for l := range strings.SplitSeq(page, "\n") {
		if l = normalize(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// normalize undoes what text extraction may change: ligatures (NFKC),
// line breaks and no-break spaces, apostrophes.
func normalize(s string) string {
	s = norm.NFKC.String(strings.ReplaceAll(s, "’", "'"))
	return strings.Join(strings.Fields(s), " ")
}

// checkA4 checks the first page is A4 (595 × 842 points).
func checkA4(t *testing.T, data []byte) {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	box := r.Page(1).V.Key("MediaBox")
	if w, h := box.Index(2).Float64(), box.Index(3).Float64(); w < 594 || w > 597 || h < 841 || h > 843 {
		t.Errorf("page size %.1f × %.1f points, want A4", w, h)
	}
}

// TestPrinterWithoutChromium: the printer says plainly that there is no
// browser, naming where it looked and what to do.
func TestPrinterWithoutChromium(t *testing.T) {
	err := report.Printer{Chromium: "/nonexistent/chromium"}.Check()
	if err == nil || !strings.Contains(err.Error(), "no Chromium at /nonexistent/chromium") || !strings.Contains(err.Error(), "--pdf") {
		t.Fatalf("Check without a browser: %v", err)
	}
}
