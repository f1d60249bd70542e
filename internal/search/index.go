package search

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/tipsom/tipsom/internal/db"
)

// Index is the search over one database: the analyser, and per kind of
// document the snapshot of facet values that filters and counts read.
// A capability holds one; several app servers each hold their own and stay
// in step through the database's generation counter.
type Index struct {
	DB *db.DB
	An *Analyzer

	mu      sync.Mutex // serialises reloads; readers use the snapshot they got
	current atomic.Pointer[snapshot]
	cache   *matchCache // nil: off

	amu     sync.RWMutex
	aliases map[string]map[string][]facetValue // kind → token → facet values (see Alias)
}

// New returns the index on d, with a cache of match sets of cacheBytes
// (0: none; see matchCache).
func New(d *db.DB, cacheBytes int) (*Index, error) {
	an, err := NewAnalyzer()
	if err != nil {
		return nil, err
	}
	ix := &Index{DB: d, An: an, aliases: map[string]map[string][]facetValue{}}
	ix.cache = newMatchCache(cacheBytes)
	if err := ix.fillKeys(context.Background()); err != nil {
		return nil, err
	}
	return ix, nil
}

// fillKeys gives the documents indexed before facet keys existed (migration
// 00012) their keys, computed from their stored facets. The partial index
// search_docs_nokeys lists exactly them, so once filled this costs one
// empty index lookup at start.
func (ix *Index) fillKeys(ctx context.Context) error {
	for {
		todo, err := db.Read(ctx, ix.DB, func(tx *sql.Tx) ([]docKeys, error) { return docsWithoutKeys(ctx, tx, 1000) })
		if err != nil || len(todo) == 0 {
			if err != nil {
				return fmt.Errorf("find search documents without facet keys: %w", err)
			}
			return nil
		}
		err = ix.DB.Tx(ctx, func(tx *sql.Tx) error {
			for _, p := range todo {
				d := Document{Kind: p.kind, Facets: map[string][]string{}}
				decodeFacets(p.facets, func(name, value string) { d.Facets[name] = append(d.Facets[name], value) })
				if err := setDocKeys(ctx, tx, p.id, d.keys()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("fill facet keys of search documents: %w", err)
		}
	}
}
