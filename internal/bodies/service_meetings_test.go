package bodies_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/bodies"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
)

// TestMeetingDocuments: a document is stored with its SHA-256, size and a
// sniffed type whatever its name says, comes back byte for byte, and goes
// with its meeting; each step is audited.
func TestMeetingDocuments(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := seeded(t, d)
		ctx, ed := t.Context(), editor()
		m, err := s.AddMeeting(ctx, ed, "icat", bodies.MeetingInput{Title: "Principals meeting", Date: "2024-03-05",
			Place: "Vienna", Agenda: "1. Opening\n\n2. Joint paper"})
		if err != nil {
			t.Fatal(err)
		}
		pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 1000)...)
		doc, err := s.AddDocument(ctx, ed, "icat", m.ID, bodies.DocumentInput{Filename: `C:\tmp\agenda.txt`, Data: pdf})
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(pdf)
		want := bodies.Document{ID: doc.ID, MeetingID: m.ID, Title: "agenda.txt", Filename: "agenda.txt",
			ContentType: "application/pdf", Size: int64(len(pdf)), SHA256: hex.EncodeToString(sum[:]), URL: bodies.DocumentURL(doc.ID)}
		got := *doc
		got.UploadedAt = want.UploadedAt
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("stored document (-want +got):\n%s", diff)
		}
		back, err := s.Document(ctx, doc.ID)
		if err != nil || !bytes.Equal(back.Data, pdf) {
			t.Fatalf("download: %v, %d bytes", err, len(back.Data))
		}
		b := get(t, s, "icat")
		if len(b.Meetings) != 1 || len(b.Meetings[0].Documents) != 1 || b.Meetings[0].Date.String() != "2024-03-05" {
			t.Fatalf("meetings = %+v", b.Meetings)
		}
		if got := b.Meetings[0].AgendaParagraphs(); len(got) != 2 {
			t.Fatalf("agenda paragraphs = %q", got)
		}
		if _, err := s.AddDocument(ctx, ed, "icat", m.ID, bodies.DocumentInput{Filename: "empty.txt"}); errs.FieldKeys(err)["file"] != "err.bodies_file_empty" {
			t.Fatalf("empty file: %v", err)
		}
		if _, err := s.AddDocument(ctx, ed, "un-gift", m.ID, bodies.DocumentInput{Filename: "a.txt", Data: []byte("x")}); !errs.Is(err, errs.KindNotFound) {
			t.Fatalf("document for another body's meeting: %v", err)
		}
		if err := s.RemoveMeeting(ctx, ed, "icat", m.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Document(ctx, doc.ID); !errs.Is(err, errs.KindNotFound) {
			t.Fatalf("document outlived its meeting: %v", err)
		}
		for _, action := range []string{"body.meeting_add", "body.document_add", "body.meeting_remove"} {
			if e, err := audit.List(ctx, d, audit.Filter{Action: action}); err != nil || len(e) != 1 {
				t.Errorf("audit %s: %d entries, %v", action, len(e), err)
			}
		}
		if _, err := audit.Verify(ctx, d); err != nil {
			t.Fatal(err)
		}
	})
}

// TestCompare makes the overlap the strategy points out visible: among ICAT
// and UN.GIFT, UNHCR sits only in ICAT and OSCE only in UN.GIFT.
func TestCompare(t *testing.T) {
	dbtest.RunWith(t, seeded, func(t *testing.T, s *bodies.Service) {
		ctx := t.Context()
		c, err := s.Compare(ctx, []string{"icat", "un-gift"})
		if err != nil {
			t.Fatal(err)
		}
		seats := map[string][]bool{}
		for _, r := range c.Rows {
			for _, seat := range r.Seats {
				seats[r.Org.Acronym] = append(seats[r.Org.Acronym], seat.Member)
			}
		}
		for org, want := range map[string][]bool{"UNHCR": {true, false}, "OSCE": {false, true}, "UNODC": {true, true}} {
			if diff := cmp.Diff(want, seats[org]); diff != "" {
				t.Errorf("%s seats in ICAT, UN.GIFT (-want +got):\n%s", org, diff)
			}
		}
		if _, ok := seats["WHO"]; ok {
			t.Error("WHO sits in neither ICAT nor UN.GIFT but has a row")
		}
		all, err := s.Compare(ctx, nil)
		if err != nil || len(all.Bodies) != 3 {
			t.Fatalf("default comparison: %v, %d bodies", err, len(all.Bodies))
		}
		for _, slug := range []string{"nope", "cop-wg-tip"} {
			if _, err := s.Compare(ctx, []string{slug}); !errs.Is(err, errs.KindBadRequest) {
				t.Errorf("compare %s: %v, want a bad parameter", slug, err)
			}
		}
	})
}
