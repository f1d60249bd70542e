package intake

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"

	"github.com/tipsom/tipsom/internal/errs"
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

// Document checks a document handed in as field before it is stored: not
// empty, within lim, and of a type an attachment may be. It returns the
// sniffed type and the SHA-256 of the bytes in hex, as the rooms keep them
// beside the file and in the audit.
func Document(field string, data []byte, lim Limits) (contentType, sha string, err error) {
	if len(data) == 0 {
		return "", "", errs.Invalid().Field(field, "err.file_empty")
	}
	if err := lim.CheckBytes(field, int64(len(data))); err != nil {
		return "", "", err
	}
	if contentType = DocumentType(data); contentType == "" {
		return "", "", errs.Invalid().Field(field, "err.document_type")
	}
	sum := sha256.Sum256(data)
	return contentType, hex.EncodeToString(sum[:]), nil
}
