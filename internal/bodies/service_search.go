package bodies

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/search"
)

// DocBody is the kind of document the bodies give the one search.
const DocBody = "body"

// searchVersion changes when the document's shape does, so the seed
// writes every body's document again.
const searchVersion = "body-doc/1"

// index writes body slug's document in tx: its acronym, name and mandate
// (written in English).
func (s *Service) index(ctx context.Context, tx *sql.Tx, slug string) error {
	if s.Index == nil {
		return nil
	}
	b, err := bodyBySlug(ctx, tx, slug)
	if errs.Is(err, errs.KindNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	return s.Index.Put(ctx, tx, search.Document{Kind: DocBody, Ref: b.Slug, Facets: map[string][]string{"language": {"en"}},
		Texts: []search.Text{{Lang: "en", Body: b.Acronym + " " + b.Name + "\n" + b.Mandate}},
		Show:  &search.Display{Title: map[string]string{"en": b.Acronym + " — " + b.Name}, Summary: map[string]string{"en": b.Mandate}, URL: "/bodies/" + b.Slug}})
}
