-- +goose Up
-- Facet keys in the words index: search_docs.keys holds one short token per
-- facet value (a hash no analysed word can equal), so the words index can
-- narrow a search by its facet filters before the snapshot checks them.
-- Documents indexed before this migration get their keys from the search
-- index when it opens (search.New fills every live document whose keys are
-- empty; the partial index finds them and stays empty afterwards).
ALTER TABLE search_docs ADD COLUMN keys TEXT NOT NULL DEFAULT '';
CREATE INDEX search_docs_nokeys ON search_docs(id) WHERE live = 1 AND keys = '' AND facets <> '';

-- FTS5 over the tokens and keys columns, kept by triggers (external
-- content: the text is stored once, in search_docs). The ascii tokenizer
-- splits only on ASCII punctuation and spaces, which is all the analysed
-- tokens hold between them. Tables named fts_* are left out of the schema
-- comparison.
DROP TRIGGER search_docs_ai;
DROP TRIGGER search_docs_ad;
DROP TRIGGER search_docs_au;
DROP TABLE fts_search;
CREATE VIRTUAL TABLE fts_search USING fts5(tokens, keys, content='search_docs', content_rowid='id', tokenize='ascii');
-- +goose StatementBegin
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO fts_search(rowid, tokens, keys) VALUES (new.id, new.tokens, new.keys);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO fts_search(fts_search, rowid, tokens, keys) VALUES ('delete', old.id, old.tokens, old.keys);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_docs_au AFTER UPDATE OF tokens, keys ON search_docs BEGIN
    INSERT INTO fts_search(fts_search, rowid, tokens, keys) VALUES ('delete', old.id, old.tokens, old.keys);
    INSERT INTO fts_search(rowid, tokens, keys) VALUES (new.id, new.tokens, new.keys);
END;
-- +goose StatementEnd
INSERT INTO fts_search(fts_search) VALUES ('rebuild');

-- +goose Down
DROP TRIGGER search_docs_ai;
DROP TRIGGER search_docs_ad;
DROP TRIGGER search_docs_au;
DROP TABLE fts_search;
DROP INDEX search_docs_nokeys;
ALTER TABLE search_docs DROP COLUMN keys;
CREATE VIRTUAL TABLE fts_search USING fts5(tokens, content='search_docs', content_rowid='id', tokenize='ascii');
-- +goose StatementBegin
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO fts_search(rowid, tokens) VALUES (new.id, new.tokens);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO fts_search(fts_search, rowid, tokens) VALUES ('delete', old.id, old.tokens);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_docs_au AFTER UPDATE OF tokens ON search_docs BEGIN
    INSERT INTO fts_search(fts_search, rowid, tokens) VALUES ('delete', old.id, old.tokens);
    INSERT INTO fts_search(rowid, tokens) VALUES (new.id, new.tokens);
END;
-- +goose StatementEnd
INSERT INTO fts_search(fts_search) VALUES ('rebuild');
