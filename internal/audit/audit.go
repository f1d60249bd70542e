// Package audit keeps tipsom's append-only, hash-chained record of every
// change (and of every read of personal data). An entry is written in the
// same transaction as the change it records, so there is never a change
// without its entry nor an entry without its change.
package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// Actor is who did it: a user, or a named system process (the command line,
// the demo loader) with ID 0.
type Actor struct {
	ID    int64
	Label string
}

// Meta is what the request adds to an entry: where it came from and its id.
type Meta struct {
	ClientAddr string
	RequestID  string
}

type metaKey struct{}

// WithMeta returns ctx carrying the request's audit metadata.
func WithMeta(ctx context.Context, m Meta) context.Context {
	return context.WithValue(ctx, metaKey{}, m)
}

// MetaFrom returns the request metadata in ctx, if any.
func MetaFrom(ctx context.Context) Meta {
	m, _ := ctx.Value(metaKey{}).(Meta)
	return m
}

// Change describes one change to record. Before and After are the entity's
// state (any JSON-encodable value; nil when absent); only their digests are
// kept, so the log proves what changed without copying personal data.
// Detail is a short, non-personal note (e.g. "roles: analyst → analyst,admin").
type Change struct {
	Action     string
	EntityType string
	EntityID   string
	Before     any
	After      any
	Detail     string
}

// Entry is one stored audit record.
type Entry struct {
	ID           int64     `json:"id"`
	At           time.Time `json:"at"`
	ActorID      int64     `json:"actor_id,omitempty"`
	Actor        string    `json:"actor"`
	Action       string    `json:"action"`
	EntityType   string    `json:"entity_type"`
	EntityID     string    `json:"entity_id"`
	BeforeDigest string    `json:"before_digest"`
	AfterDigest  string    `json:"after_digest"`
	Detail       string    `json:"detail"`
	ClientAddr   string    `json:"client_addr"`
	RequestID    string    `json:"request_id"`
	PrevHash     string    `json:"prev_hash"`
	Hash         string    `json:"hash"`
}

// Record appends an entry for c, by actor, inside tx. Entries are chained:
// each carries the hash of the one before, and the chain head moves first
// (see advanceHead), so concurrent writers append one after the other.
func Record(ctx context.Context, tx *sql.Tx, actor Actor, c Change) error {
	id, prev, err := advanceHead(ctx, tx)
	if err != nil {
		return err
	}
	meta := MetaFrom(ctx)
	e := Entry{
		ID: id, At: db.Now(), ActorID: actor.ID, Actor: actor.Label,
		Action: c.Action, EntityType: c.EntityType, EntityID: c.EntityID,
		BeforeDigest: Digest(c.Before), AfterDigest: Digest(c.After), Detail: c.Detail,
		ClientAddr: meta.ClientAddr, RequestID: meta.RequestID, PrevHash: prev,
	}
	e.Hash = e.computeHash()
	return insertEntry(ctx, tx, e)
}

// Digest is the SHA-256 of v's JSON encoding, or "" for nil.
func Digest(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte(fmt.Sprintf("%#v", v))
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// computeHash hashes every field but Hash itself, in a fixed order, each
// length-prefixed so no two different entries can serialise alike.
func (e Entry) computeHash() string {
	fields := []string{
		strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339Nano),
		strconv.FormatInt(e.ActorID, 10), e.Actor, e.Action, e.EntityType, e.EntityID,
		e.BeforeDigest, e.AfterDigest, e.Detail, e.ClientAddr, e.RequestID, e.PrevHash,
	}
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(strconv.Itoa(len(f)))
		b.WriteByte(':')
		b.WriteString(f)
		b.WriteByte(';')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}
