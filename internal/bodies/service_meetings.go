package bodies

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"net/http"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/intake"
)

// auditMeeting is the state of a meeting the audit digests cover.
func auditMeeting(m *Meeting) any {
	if m == nil {
		return nil
	}
	return map[string]any{"title": m.Title, "date": m.Date.String(), "place": m.Place, "agenda": m.Agenda}
}

// auditDocument is the state of a document the audit digests cover: its
// digest stands for its bytes.
func auditDocument(d *Document) any {
	if d == nil {
		return nil
	}
	return map[string]any{"meeting_id": d.MeetingID, "title": d.Title, "filename": d.Filename,
		"content_type": d.ContentType, "size": d.Size, "sha256": d.SHA256}
}

// AddMeeting records a meeting of a body; editors only.
func (s *Service) AddMeeting(ctx context.Context, by *auth.Principal, slug string, in MeetingInput) (*Meeting, error) {
	if err := auth.Require(by, Editors...); err != nil {
		return nil, err
	}
	day, err := in.Validate()
	if err != nil {
		return nil, err
	}
	m := &Meeting{Title: in.Title, Date: day, Place: in.Place, Agenda: in.Agenda, Documents: []Document{}}
	err = s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) (err error) {
		if m.ID, err = insertMeeting(ctx, tx, b.ID, in, day); err != nil {
			return err
		}
		return record(ctx, tx, by, "body.meeting_add", "body_meeting", m.ID, nil, auditMeeting(m), b.Acronym+": "+day.String())
	})
	return m, err
}

// RemoveMeeting deletes a meeting with its documents; editors only. The
// audit entry counts the documents that went with it.
func (s *Service) RemoveMeeting(ctx context.Context, by *auth.Principal, slug string, id int64) error {
	return s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) error {
		m, err := meetingOf(ctx, tx, b.ID, id)
		if err != nil {
			return err
		}
		docs, err := countDocuments(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := deleteMeeting(ctx, tx, id); err != nil {
			return err
		}
		return record(ctx, tx, by, "body.meeting_remove", "body_meeting", id, auditMeeting(m), nil,
			b.Acronym+": "+m.Date.String()+", "+strconv.Itoa(docs)+" documents")
	})
}

// DocumentLimits bound a meeting document: it is stored as sent and never
// parsed, so its size is all there is to bound.
var DocumentLimits = intake.Limits{Bytes: MaxDocument}

// MayAddDocument reports whether by may add a document to meeting
// meetingID of body slug: an editor, and the meeting exists.
func (s *Service) MayAddDocument(ctx context.Context, by *auth.Principal, slug string, meetingID int64) error {
	if err := auth.Require(by, Editors...); err != nil {
		return err
	}
	return s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		b, err := bodyBySlug(ctx, tx, slug)
		if err != nil {
			return err
		}
		_, err = meetingOf(ctx, tx, b.ID, meetingID)
		return err
	})
}

// AddDocument attaches a file to a meeting of a body; editors only. The
// file is kept in the database with its SHA-256, size and the content type
// sniffed from its first bytes (what the browser says is not trusted). It
// returns the document as listed, without its bytes.
func (s *Service) AddDocument(ctx context.Context, by *auth.Principal, slug string, meetingID int64, in DocumentInput) (*Document, error) {
	if err := auth.Require(by, Editors...); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(in.Data)
	d := &Document{MeetingID: meetingID, Title: in.Title, Filename: in.Filename, Data: in.Data,
		ContentType: http.DetectContentType(in.Data), Size: int64(len(in.Data)), SHA256: hex.EncodeToString(sum[:])}
	err := s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) (err error) {
		if _, err := meetingOf(ctx, tx, b.ID, meetingID); err != nil {
			return err
		}
		if d.ID, err = insertDocument(ctx, tx, meetingID, *d); err != nil {
			return err
		}
		if d, err = documentOf(ctx, tx, b.ID, d.ID); err != nil { // as listed: metadata only
			return err
		}
		return record(ctx, tx, by, "body.document_add", "body_document", d.ID, nil, auditDocument(d), b.Acronym+": "+d.Filename)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// RemoveDocument deletes a document of a body; editors only.
func (s *Service) RemoveDocument(ctx context.Context, by *auth.Principal, slug string, id int64) error {
	return s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) error {
		d, err := documentOf(ctx, tx, b.ID, id)
		if err != nil {
			return err
		}
		if err := deleteDocument(ctx, tx, id); err != nil {
			return err
		}
		return record(ctx, tx, by, "body.document_remove", "body_document", id, auditDocument(d), nil, b.Acronym+": "+d.Filename)
	})
}
