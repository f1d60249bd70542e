package report

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// outlineEntry is one heading of a printed PDF, as Chromium's document
// outline lists it.
type outlineEntry struct {
	Title string
	Depth int
	Page  int
}

var pdfRef = regexp.MustCompile(`(\d+) (\d+) R`)

// outline reads the outline Chromium writes from a document's headings —
// each heading's text, depth and page — in document order. It is how the
// printer learns on which page each chapter starts, whatever the language
// (outline titles are Unicode, unlike the text drawn with subset fonts).
func outline(data []byte) (entries []outlineEntry, err error) {
	err = readPDF(data, "the printed pdf", func(r *pdf.Reader) error {
		entries = outlineOf(r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return entries, nil
}

// outlineOf walks the outline of r.
func outlineOf(r *pdf.Reader) (entries []outlineEntry) {
	root := r.Trailer().Key("Root")
	pages := map[string]int{}
	n := 0
	numberPages(root.Key("Pages"), pages, &n)
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		for c := v.Key("First"); c.Kind() == pdf.Dict; c = c.Key("Next") {
			dest := c.Key("Dest")
			if dest.IsNull() {
				dest = c.Key("A").Key("D")
			}
			page := 0
			if m := pdfRef.FindStringSubmatch(dest.String()); m != nil {
				page = pages[m[1]+" "+m[2]]
			}
			entries = append(entries, outlineEntry{Title: normalizeSpace(c.Key("Title").Text()), Depth: depth, Page: page})
			walk(c, depth+1)
		}
	}
	walk(root.Key("Outlines"), 0)
	return entries
}

// readPDF opens data as a PDF and hands it to fn; what names the document
// in errors. The PDF reader panics on some malformed files: that is an
// error too.
func readPDF(data []byte, what string, fn func(r *pdf.Reader) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("read %s: %v", what, p)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	return fn(r)
}

// numberPages numbers the pages of a page tree in order, by the object
// each page is.
func numberPages(node pdf.Value, pages map[string]int, n *int) {
	kids := node.Key("Kids")
	refs := pdfRef.FindAllStringSubmatch(kids.String(), -1)
	for i := 0; i < kids.Len(); i++ {
		kid := kids.Index(i)
		if kid.Key("Type").Name() == "Pages" {
			numberPages(kid, pages, n)
			continue
		}
		*n++
		if i < len(refs) {
			pages[refs[i][1]+" "+refs[i][2]] = *n
		}
	}
}

// chapterPages finds the page each chapter starts on: chapters are the
// top-level headings of the printed report, matched in order by their
// words.
func chapterPages(entries []outlineEntry, titles []string) ([]int, error) {
	out := make([]int, len(titles))
	j := 0
	for _, e := range entries {
		if j < len(titles) && e.Depth == 0 && sameWords(e.Title, titles[j]) && e.Page > 0 {
			out[j] = e.Page
			j++
		}
	}
	if j < len(titles) {
		var top []string
		for _, e := range entries {
			if e.Depth == 0 && len(top) < 5 {
				top = append(top, fmt.Sprintf("%q p.%d", e.Title, e.Page))
			}
		}
		return nil, fmt.Errorf("the printed pdf's outline lacks the chapter %q (its first headings: %s)", titles[j], strings.Join(top, ", "))
	}
	return out, nil
}

// sameWords compares a heading with an outline title word for word, in
// any order, and by their letters and digits only: Chromium writes the
// words of a right-to-left title in visual order, which moves the
// punctuation stuck to a word to its other side ("تيمور- ليشتي" comes back
// as "ليشتي -تيمور"), and, for a heading with no top margin at a page
// break, the title twice over.
func sameWords(a, b string) bool {
	wa, wb := words(a), words(b)
	if len(wa) == 2*len(wb) && len(wb) > 0 {
		if twice := append(slices.Clone(wb), wb...); sortedEqual(wa, twice) {
			return true // how Chromium writes a heading at the very top of a page
		}
	}
	if a == normalizeSpace(b)+normalizeSpace(b) {
		return true
	}
	return sortedEqual(wa, wb)
}

// words are the runs of letters, marks and digits of s.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
}

func sortedEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = slices.Clone(a), slices.Clone(b)
	sort.Strings(a)
	sort.Strings(b)
	return slices.Equal(a, b)
}

// normalizeSpace collapses runs of white space, as headings' text is read.
func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

var chapterMark = regexp.MustCompile(`\[\[(\d+)\]\]`)

// markedPages finds, in the layout print, the page each of n chapters
// starts on: the page that holds its mark.
func markedPages(data []byte, n int) ([]int, error) {
	pages := make([]int, n)
	found := 0
	err := readPDF(data, "the layout print", func(r *pdf.Reader) error {
		found = marks(r, pages)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if found < n {
		return nil, fmt.Errorf("the layout print shows %d of %d chapters", found, n)
	}
	return pages, nil
}

// marks sets pages[k] to the first page of r holding the mark of chapter
// k, and counts the chapters found.
func marks(r *pdf.Reader, pages []int) int {
	n, found := len(pages), 0
	for i := 1; i <= r.NumPage(); i++ {
		var b strings.Builder
		for _, t := range r.Page(i).Content().Text {
			b.WriteString(t.S)
		}
		for _, m := range chapterMark.FindAllStringSubmatch(b.String(), -1) {
			if k, _ := strconv.Atoi(m[1]); k < n && pages[k] == 0 {
				pages[k] = i
				found++
			}
		}
	}
	return found
}

// pageCount counts a PDF's pages (for the command's summary).
func pageCount(data []byte) (n int) {
	_ = readPDF(data, "the pdf", func(r *pdf.Reader) error {
		n = r.NumPage()
		return nil
	})
	return n
}
