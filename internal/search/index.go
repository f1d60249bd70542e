package search

import (
	"sync"

	"github.com/tipsom/tipsom/internal/db"
)

// Index is the search over one database: the analyser, and per kind of
// document the snapshot of facet values that filters and counts read.
// A capability holds one; several app servers each hold their own and stay
// in step through the database's generation counter.
type Index struct {
	DB *db.DB
	An *Analyzer

	mu    sync.Mutex // serialises reloads; readers use the snapshot they got
	snaps map[string]*snapshot
}

// New returns the index on d.
func New(d *db.DB) (*Index, error) {
	an, err := NewAnalyzer()
	if err != nil {
		return nil, err
	}
	return &Index{DB: d, An: an, snaps: map[string]*snapshot{}}, nil
}
