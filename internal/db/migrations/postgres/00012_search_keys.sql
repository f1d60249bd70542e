-- +goose Up
-- Facet keys in the words index: search_docs.keys holds one short token per
-- facet value (a hash no analysed word can equal), so the words index can
-- narrow a search by its facet filters before the snapshot checks them.
-- Documents indexed before this migration get their keys from the search
-- index when it opens (search.New fills every live document whose keys are
-- empty; the partial index finds them and stays empty afterwards).
ALTER TABLE search_docs ADD COLUMN keys TEXT NOT NULL DEFAULT '';
CREATE INDEX search_docs_nokeys ON search_docs(id) WHERE live = 1 AND keys = '' AND facets <> '';

-- The words index, SQLite's fts_search in PostgreSQL's terms: each
-- document's tsvector, computed once when it is written — the tokens as
-- the 'simple' configuration reads them (it only lower-cases; they already
-- are), plus the keys as lexemes taken verbatim — and a GIN index over it,
-- kept by a trigger as SQLite's triggers keep FTS5. Tables named fts_* are
-- left out of the schema comparison.
DROP INDEX search_docs_fts;
CREATE TABLE fts_search (
    id   BIGINT PRIMARY KEY REFERENCES search_docs(id) ON DELETE CASCADE,
    doc  TSVECTOR NOT NULL
);
-- +goose StatementBegin
CREATE FUNCTION search_docs_fts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO fts_search (id, doc)
    VALUES (NEW.id, to_tsvector('simple', NEW.tokens) || array_to_tsvector(string_to_array(NEW.keys, ' ')))
    ON CONFLICT (id) DO UPDATE SET doc = excluded.doc;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER search_docs_fts AFTER INSERT OR UPDATE OF tokens, keys ON search_docs
    FOR EACH ROW EXECUTE FUNCTION search_docs_fts();
INSERT INTO fts_search (id, doc) SELECT id, to_tsvector('simple', tokens) FROM search_docs;
CREATE INDEX fts_search_doc ON fts_search USING GIN (doc);

-- +goose Down
DROP TABLE fts_search;
DROP FUNCTION search_docs_fts() CASCADE;
DROP INDEX search_docs_nokeys;
ALTER TABLE search_docs DROP COLUMN keys;
CREATE INDEX search_docs_fts ON search_docs USING GIN (to_tsvector('simple', tokens));
