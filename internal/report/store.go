package report

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Edition statuses.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
)

// EditionInfo is a stored edition without its files.
type EditionInfo struct {
	ID          int64      `json:"-"`
	Name        string     `json:"edition"`
	From        int        `json:"years_from"`
	To          int        `json:"years_to"`
	Grouping    string     `json:"grouping"`
	Subgrouping string     `json:"subgrouping,omitempty"`
	Langs       []string   `json:"languages"`
	PDF         bool       `json:"pdf"`
	Status      string     `json:"status"`
	Files       int        `json:"files"`
	Size        int64      `json:"size"`
	SHA256      string     `json:"sha256"` // of SHA256SUMS: the edition's exact content
	BuiltBy     string     `json:"-"`
	BuiltAt     time.Time  `json:"built_at"`
	PublishedBy string     `json:"-"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
}

// URL is where the app serves the edition.
func (ei EditionInfo) URL() string { return "/reports/" + ei.Name + "/" }

// LangLinks are the edition's home pages, one per language: the main one
// at its root, the others in their folders.
func (ei EditionInfo) LangLinks() []link {
	out := make([]link, len(ei.Langs))
	for i, l := range ei.Langs {
		out[i] = link{Href: ei.URL(), Label: l}
		if i > 0 {
			out[i].Href += l + "/"
		}
	}
	return out
}

// Published is when the edition was published (zero for a draft).
func (ei EditionInfo) Published() time.Time {
	if ei.PublishedAt == nil {
		return time.Time{}
	}
	return *ei.PublishedAt
}

const editionColumns = `id, name, years_from, years_to, grouping_id, subgrouping_id, langs, has_pdf, status, files, size,
	sha256, built_by, built_at, COALESCE(published_by, ''), published_at`

func scanEdition(row db.Scanner) (EditionInfo, error) {
	var ei EditionInfo
	var langs string
	var published sql.NullTime
	err := row.Scan(&ei.ID, &ei.Name, &ei.From, &ei.To, &ei.Grouping, &ei.Subgrouping, &langs, &ei.PDF, &ei.Status, &ei.Files,
		&ei.Size, &ei.SHA256, &ei.BuiltBy, &ei.BuiltAt, &ei.PublishedBy, &published)
	ei.Langs = strings.Split(langs, ",")
	if published.Valid {
		t := published.Time.UTC()
		ei.PublishedAt = &t
	}
	ei.BuiltAt = ei.BuiltAt.UTC()
	return ei, err
}

// listEditions lists editions, the latest built first; drafts only when
// asked.
func listEditions(ctx context.Context, tx *sql.Tx, drafts bool) ([]EditionInfo, error) {
	q := `SELECT ` + editionColumns + ` FROM report_editions`
	if !drafts {
		q += ` WHERE status = 'published'`
	}
	return db.List(ctx, tx, "list editions", scanEdition, q+` ORDER BY built_at DESC, name`)
}

// getEdition loads an edition by name.
func getEdition(ctx context.Context, tx *sql.Tx, name string) (EditionInfo, error) {
	ei, err := scanEdition(tx.QueryRowContext(ctx, `SELECT `+editionColumns+` FROM report_editions WHERE name = $1`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return ei, errs.NotFound()
	}
	if err != nil {
		return ei, fmt.Errorf("edition %s: %w", name, err)
	}
	return ei, nil
}

// insertEdition stores an edition and all its files.
func insertEdition(ctx context.Context, tx *sql.Tx, ei *EditionInfo, e *Edition) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO report_editions (name, years_from, years_to, grouping_id, subgrouping_id, langs,
		has_pdf, status, files, size, sha256, built_by, built_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		RETURNING id`, ei.Name, ei.From, ei.To, ei.Grouping, ei.Subgrouping, strings.Join(ei.Langs, ","), ei.PDF, ei.Status,
		ei.Files, ei.Size, ei.SHA256, ei.BuiltBy, db.Time(ei.BuiltAt)).Scan(&ei.ID)
	if err != nil {
		return fmt.Errorf("store edition %s: %w", ei.Name, err)
	}
	manifest := e.Manifest()
	manifest = append(manifest, File{Path: sumsName})
	for _, f := range manifest {
		data := e.Files[f.Path]
		if f.Path == sumsName {
			f = fileOf(sumsName, data)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO report_files (edition_id, path, content_type, size, sha256, data)
			VALUES ($1, $2, $3, $4, $5, $6)`, ei.ID, f.Path, f.ContentType, f.Size, f.SHA256, data); err != nil {
			return fmt.Errorf("store %s of edition %s: %w", f.Path, ei.Name, err)
		}
	}
	return nil
}

// StoredFile is a file of a stored edition, with the digest it was
// published with.
type StoredFile struct {
	File
	Data []byte
}

// getFile reads one file of an edition.
func getFile(ctx context.Context, tx *sql.Tx, editionID int64, path string) (*StoredFile, error) {
	f := &StoredFile{File: File{Path: path}}
	err := tx.QueryRowContext(ctx, `SELECT content_type, size, sha256, data FROM report_files WHERE edition_id = $1 AND path = $2`,
		editionID, path).Scan(&f.ContentType, &f.Size, &f.SHA256, &f.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("file %s: %w", path, err)
	}
	return f, nil
}

// listFiles is an edition's manifest as stored.
func listFiles(ctx context.Context, tx *sql.Tx, editionID int64) ([]File, error) {
	return db.List(ctx, tx, "files of edition", func(row db.Scanner) (File, error) {
		var f File
		err := row.Scan(&f.Path, &f.ContentType, &f.Size, &f.SHA256)
		return f, err
	}, `SELECT path, content_type, size, sha256 FROM report_files WHERE edition_id = $1 ORDER BY path`, editionID)
}

// deleteEdition removes edition id and its files.
func deleteEdition(ctx context.Context, tx *sql.Tx, id int64) error {
	return db.Exec(ctx, tx, "delete edition", `DELETE FROM report_editions WHERE id = $1`, id)
}

// publishEdition marks edition id published by by at at.
func publishEdition(ctx context.Context, tx *sql.Tx, id int64, by string, at time.Time) error {
	return db.Exec(ctx, tx, "publish edition", `UPDATE report_editions SET status = $1, published_by = $2, published_at = $3 WHERE id = $4`,
		StatusPublished, by, at, id)
}
