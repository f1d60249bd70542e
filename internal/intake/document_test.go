package intake_test

import (
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
)

func TestDocument(t *testing.T) {
	lim := intake.Limits{Bytes: 64}
	ct, sha, err := intake.Document("file", []byte("%PDF-1.4\nhello"), lim)
	if err != nil || ct != "application/pdf" || len(sha) != 64 || strings.Trim(sha, "0123456789abcdef") != "" {
		t.Fatalf("pdf: %q %q %v", ct, sha, err)
	}
	for _, c := range []struct {
		name string
		data []byte
		kind errs.Kind
		key  string
	}{
		{"empty", nil, errs.KindInvalid, "err.file_empty"},
		{"over the limit", []byte(strings.Repeat("a", 65)), errs.KindTooLarge, intake.KeyBytes},
		{"executable", []byte("MZ\x90\x00\x03"), errs.KindInvalid, "err.document_type"},
		{"html", []byte("<html><script>x</script>"), errs.KindInvalid, "err.document_type"},
	} {
		_, _, err := intake.Document("file", c.data, lim)
		if e := errs.As(err); e.Kind != c.kind || e.FieldKey("file") != c.key {
			t.Errorf("%s: %v %+v", c.name, err, e)
		}
	}
}
