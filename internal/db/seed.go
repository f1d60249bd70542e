package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// Seeds apply the reference data shipped with the binary, item by item, in
// one pattern for every room: each item has a key within its room's scope,
// and the seeds table remembers the digest of the version last applied.
// A start then does only what changed:
//
//   - Once: an item editors may change or remove (a coordination body, a
//     membership) is written the first time only; whatever editors do
//     with it afterwards stands, even if the binary's version changes.
//   - Upsert: an item only the binary defines (a country, a treaty
//     instrument) is written again whenever its shipped version differs
//     from the one applied.
//
// Two servers starting together on one PostgreSQL database take turns
// (the scope's rows are locked); SQLite's single writer serialises them.
type Seeds struct {
	ctx     context.Context
	tx      *sql.Tx
	scope   string
	applied map[string]string // key → digest applied
}

// OpenSeeds reads what scope has applied so far, inside tx.
func OpenSeeds(ctx context.Context, tx *sql.Tx, d Dialect, scope string) (*Seeds, error) {
	if d == Postgres {
		if err := Exec(ctx, tx, "seed: lock", `SELECT pg_advisory_xact_lock(hashtext($1))`, "seed:"+scope); err != nil {
			return nil, err
		}
	}
	s := &Seeds{ctx: ctx, tx: tx, scope: scope, applied: map[string]string{}}
	err := Each(ctx, tx, "seed "+scope, `SELECT key, digest FROM seeds WHERE scope = $1`, func(row Scanner) error {
		var k, dg string
		if err := row.Scan(&k, &dg); err != nil {
			return err
		}
		s.applied[k] = dg
		return nil
	}, scope)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Once runs write for key unless it ran for key before, then remembers
// the key. write reports whether it wrote anything.
func (s *Seeds) Once(key string, write func() (bool, error)) (bool, error) {
	if _, ok := s.applied[key]; ok {
		return false, nil
	}
	wrote, err := write()
	if err != nil {
		return false, err
	}
	return wrote, s.remember(key, "")
}

// Upsert runs write for key when item (its shipped version, encoded as
// JSON for the digest) differs from the version last applied, then
// remembers it. It reports whether write ran.
func (s *Seeds) Upsert(key string, item any, write func() error) (bool, error) {
	b, err := json.Marshal(item)
	if err != nil {
		return false, fmt.Errorf("seed %s %s: %w", s.scope, key, err)
	}
	sum := sha256.Sum256(b)
	digest := hex.EncodeToString(sum[:])
	if s.applied[key] == digest {
		return false, nil
	}
	if err := write(); err != nil {
		return false, err
	}
	return true, s.remember(key, digest)
}

func (s *Seeds) remember(key, digest string) error {
	s.applied[key] = digest
	return Exec(s.ctx, s.tx, "seed: remember "+key, `INSERT INTO seeds (scope, key, digest, applied_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (scope, key) DO UPDATE SET digest = excluded.digest, applied_at = excluded.applied_at`, s.scope, key, digest, Now())
}
