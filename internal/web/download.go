package web

import (
	"mime"
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
