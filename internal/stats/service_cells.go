package stats

import (
	"context"
	"database/sql"
	"fmt"
)

// loadRows reads the published figures f selects in one query, which the
// index on (indicator, dimension, sex, age, year, category) serves, each
// as the disclosure rule publishes it.
func (s *Service) loadRows(ctx context.Context, f cellFilter) (rowIndex, error) {
	var ix rowIndex
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if ix, err = publishedRows(ctx, tx, f); err != nil || len(ix) == 0 {
			return err
		}
		rel, err := s.release(ctx, tx, releaseScope{Indicators: []string{f.Indicator}, From: f.From, To: f.To})
		if err != nil || len(rel) == 0 {
			return err
		}
		for _, byCountry := range ix {
			for _, figs := range byCountry {
				for i := range figs {
					figs[i].Value = rel.public(figs[i].key(f), figs[i].Value)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read %s by %s, %d–%d: %w", f.Indicator, f.Dimension, f.From, f.To, err)
	}
	return ix, nil
}
