package intake

import (
	"bytes"
	"net/http"
	"slices"
)

// documentTypes are the kinds of document the rooms take as attachments,
// by sniffed type: PDF, Word and OpenDocument (a zip, or the older
// compound file), plain text.
var documentTypes = []string{"application/pdf", "application/zip", "application/x-ole-storage", "text/plain; charset=utf-8"}

// oleMagic starts a compound file (the older Word format).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// DocumentType sniffs data and returns its type when it is a document an
// attachment may be, or "" (an executable, an image, HTML).
func DocumentType(data []byte) string {
	t := http.DetectContentType(data)
	if bytes.HasPrefix(data, oleMagic) {
		t = "application/x-ole-storage"
	}
	if slices.Contains(documentTypes, t) {
		return t
	}
	return ""
}
