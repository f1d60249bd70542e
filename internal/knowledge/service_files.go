package knowledge

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/intake"
)

// FileLimits bound a resource's document: its size, and the text and
// pages read out of it for the search.
var FileLimits = intake.Limits{Bytes: 20 << 20, Text: 4 << 20, Memory: 256 << 20, Time: 15 * time.Second}

// Attach gives resource id its document, a PDF whose text is extracted
// within FileLimits for the search. It replaces the one it had.
func (s *Service) Attach(ctx context.Context, by *auth.Principal, id int64, name string, data []byte) (*File, error) {
	if err := s.MayEdit(ctx, by, id); err != nil {
		return nil, err
	}
	f, text, err := readDocument(ctx, name, data)
	if err != nil {
		return nil, err
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		it, err := itemByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := requireEdit(by, it); err != nil {
			return err
		}
		return s.storeFile(ctx, tx, by, it, f, data, text)
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// readDocument checks a document handed in — not empty, within its size, a
// PDF by its bytes — and reads its text, before anything is stored.
func readDocument(ctx context.Context, name string, data []byte) (*File, string, error) {
	switch {
	case len(data) == 0:
		return nil, "", errs.Invalid().Field("file", "err.knowledge_file_required")
	case int64(len(data)) > FileLimits.Bytes:
		return nil, "", FileLimits.CheckBytes("file", int64(len(data)))
	case http.DetectContentType(data) != "application/pdf":
		return nil, "", errs.Invalid().Field("file", "err.knowledge_file_type")
	}
	if name = strings.TrimSpace(name); name == "" || utf8.RuneCountInString(name) > 200 {
		name = "document.pdf"
	}
	text, err := intake.PDFText(ctx, "file", data, FileLimits)
	if errors.Is(err, intake.ErrNoText) {
		text, err = "", nil // a scan: kept, not searchable by its words
	}
	if err != nil {
		return nil, "", err
	}
	text = strings.ToValidUTF8(text, " ")
	sum := sha256.Sum256(data)
	return &File{Name: name, ContentType: "application/pdf", Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]),
		Searchable: strings.TrimSpace(text) != ""}, text, nil
}

// storeFile stores it's document in tx, audited, and indexes it again.
func (s *Service) storeFile(ctx context.Context, tx *sql.Tx, by *auth.Principal, it *Item, f *File, data []byte, text string) error {
	if it.Kind != KindResource {
		return errs.Invalid().Field("file", "err.knowledge_file_kind")
	}
	if err := putFile(ctx, tx, it.ID, f, data, text, s.now()); err != nil {
		return err
	}
	it.File = f
	if err := record(ctx, tx, by, "hub_item.attach", it, fmt.Sprintf("%s, %d bytes, sha256 %s", f.Name, f.Size, f.SHA256)); err != nil {
		return err
	}
	return s.index(ctx, tx, it)
}

// FileOf returns item id's document and its bytes, for whoever may read
// the item: the public reads only a published item's.
func (s *Service) FileOf(ctx context.Context, by *auth.Principal, id int64) (*File, []byte, error) {
	var f *File
	data, err := db.Read(ctx, s.DB, func(tx *sql.Tx) ([]byte, error) {
		it, err := itemByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if err := requireRead(by, it); err != nil {
			return nil, err
		}
		if f = it.File; f == nil {
			return nil, errs.NotFound()
		}
		return fileData(ctx, tx, id)
	})
	return f, data, err
}
