-- +goose Up
-- One table remembers, for every room, which items of the reference data
-- shipped with the binary were applied, and the digest of the version
-- applied (db.Seeds). It replaces the coordination bodies' own list of
-- applied keys (kept: editors' removals stand) and geo's one digest of its
-- whole set (the countries are written again, item by item, at the next
-- start).
CREATE TABLE seeds (
    scope       TEXT NOT NULL,
    key         TEXT NOT NULL,
    digest      TEXT NOT NULL,
    applied_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, key)
);
INSERT INTO seeds (scope, key, digest, applied_at) SELECT 'bodies', key, '', applied_at FROM body_seeds;
DROP TABLE body_seeds;
DROP TABLE reference_data;

-- +goose Down
CREATE TABLE reference_data (
    name    TEXT PRIMARY KEY,
    digest  TEXT NOT NULL,
    loaded_at TIMESTAMP NOT NULL
);
CREATE TABLE body_seeds (
    key         TEXT PRIMARY KEY,
    applied_at  TIMESTAMP NOT NULL
);
INSERT INTO body_seeds (key, applied_at) SELECT key, applied_at FROM seeds WHERE scope = 'bodies';
DROP TABLE seeds;
