package omnibus

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/db"
)

// Seed writes the questionnaires' articles into the one search, again
// whenever a questionnaire file changes (db.Seeds keeps the digest of
// what was written).
func (s *Service) Seed(ctx context.Context) error {
	if s.Index == nil {
		return nil
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		seeds, err := db.OpenSeeds(ctx, tx, s.DB.Dialect, "omnibus")
		if err != nil {
			return err
		}
		for _, q := range s.Set.All() {
			if _, err := seeds.Upsert("questionnaire:"+q.ID, q, func() error {
				return s.Index.Put(ctx, tx, articleDocs(q)...)
			}); err != nil {
				return err
			}
		}
		return nil
	})
}
