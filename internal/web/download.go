package web

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// AttachmentName is the Content-Disposition of a download saved as name:
// the name quoted (or RFC 2231-encoded when it is not ASCII) so that a
// user's file name cannot break the header.
func AttachmentName(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '/' || r == '\\' {
			return '_'
		}
		return r
	}, name)
	if name == "" {
		name = "download"
	}
	if v := mime.FormatMediaType("attachment", map[string]string{"filename": name}); v != "" {
		return v
	}
	return "attachment"
}

// SendFile answers with data as a download named name: its type as given
// (application/octet-stream for a user's file, which is never shown
// inline), never sniffed by the browser, its length.
func SendFile(w http.ResponseWriter, contentType, name string, data []byte) error {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", AttachmentName(name))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, err := w.Write(data)
	return err
}
