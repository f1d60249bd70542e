package bodies

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// This file holds the SQL of meetings and their documents. Listings never
// read a document's bytes; only a download does.

func meetings(ctx context.Context, tx *sql.Tx, bodyID int64) ([]Meeting, error) {
	out := []Meeting{}
	index := map[int64]int{}
	err := db.Each(ctx, tx, fmt.Sprintf("meetings of body %d", bodyID), `SELECT id, title, held_on, place, agenda FROM body_meetings
		WHERE body_id = $1 ORDER BY held_on DESC, id DESC`, func(row db.Scanner) error {
		m := Meeting{Documents: []Document{}}
		if err := row.Scan(&m.ID, &m.Title, &m.Date, &m.Place, &m.Agenda); err != nil {
			return err
		}
		index[m.ID] = len(out)
		out = append(out, m)
		return nil
	}, bodyID)
	if err != nil {
		return nil, err
	}
	docs, err := documentsOf(ctx, tx, bodyID)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		m := &out[index[d.MeetingID]]
		m.Documents = append(m.Documents, d)
	}
	return out, nil
}

// meetingOf returns the meeting id of body bodyID (without documents), or
// not found.
func meetingOf(ctx context.Context, tx *sql.Tx, bodyID, id int64) (*Meeting, error) {
	var m Meeting
	err := tx.QueryRowContext(ctx, `SELECT id, title, held_on, place, agenda FROM body_meetings WHERE body_id = $1 AND id = $2`,
		bodyID, id).Scan(&m.ID, &m.Title, &m.Date, &m.Place, &m.Agenda)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("get meeting %d: %w", id, err)
	}
	return &m, nil
}

func insertMeeting(ctx context.Context, tx *sql.Tx, bodyID int64, in MeetingInput, day db.Date) (int64, error) {
	now := db.Now()
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO body_meetings (body_id, title, held_on, place, agenda, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`, bodyID, in.Title, day, in.Place, in.Agenda, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert meeting: %w", err)
	}
	return id, nil
}

const selectDocument = `SELECT d.id, d.meeting_id, d.title, d.filename, d.content_type, d.size, d.sha256, d.uploaded_at
	FROM body_documents d JOIN body_meetings m ON m.id = d.meeting_id`

func scanDocument(row db.Scanner, extra ...any) (Document, error) {
	var d Document
	err := row.Scan(append([]any{&d.ID, &d.MeetingID, &d.Title, &d.Filename, &d.ContentType, &d.Size, &d.SHA256, &d.UploadedAt}, extra...)...)
	d.UploadedAt = d.UploadedAt.UTC()
	d.URL = DocumentURL(d.ID)
	return d, err
}

// DocumentURL is where a document is downloaded.
func DocumentURL(id int64) string { return "/bodies/documents/" + strconv.FormatInt(id, 10) }

func documentsOf(ctx context.Context, tx *sql.Tx, bodyID int64) ([]Document, error) {
	return db.List(ctx, tx, fmt.Sprintf("documents of body %d", bodyID), func(row db.Scanner) (Document, error) { return scanDocument(row) },
		selectDocument+` WHERE m.body_id = $1 ORDER BY d.id`, bodyID)
}

// documentOf returns a document's metadata if it belongs to body bodyID.
func documentOf(ctx context.Context, tx *sql.Tx, bodyID, id int64) (*Document, error) {
	d, err := scanDocument(tx.QueryRowContext(ctx, selectDocument+` WHERE m.body_id = $1 AND d.id = $2`, bodyID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("get document %d: %w", id, err)
	}
	return &d, nil
}

// documentWithData returns a document with its bytes, for download.
func documentWithData(ctx context.Context, tx *sql.Tx, id int64) (*Document, error) {
	var data []byte
	d, err := scanDocument(tx.QueryRowContext(ctx, `SELECT d.id, d.meeting_id, d.title, d.filename, d.content_type,
		d.size, d.sha256, d.uploaded_at, d.data FROM body_documents d WHERE d.id = $1`, id), &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("get document %d: %w", id, err)
	}
	d.Data = data
	return &d, nil
}

func insertDocument(ctx context.Context, tx *sql.Tx, meetingID int64, d Document) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO body_documents (meeting_id, title, filename, content_type, size, sha256, data, uploaded_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		meetingID, d.Title, d.Filename, d.ContentType, d.Size, d.SHA256, d.Data, db.Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert document: %w", err)
	}
	return id, nil
}

// countDocuments counts the documents of meeting id.
func countDocuments(ctx context.Context, tx *sql.Tx, meetingID int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM body_documents WHERE meeting_id = $1`, meetingID).Scan(&n)
	return n, err
}

// deleteMeeting removes a meeting; its documents go with it.
func deleteMeeting(ctx context.Context, tx *sql.Tx, id int64) error {
	return db.Exec(ctx, tx, "delete meeting", `DELETE FROM body_meetings WHERE id = $1`, id)
}

func deleteDocument(ctx context.Context, tx *sql.Tx, id int64) error {
	return db.Exec(ctx, tx, "delete document", `DELETE FROM body_documents WHERE id = $1`, id)
}
