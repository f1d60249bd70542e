-- +goose Up
-- Case law on trafficking in persons and smuggling of migrants, national
-- legislation, and the shared search index they are found through.

-- search_state holds one generation counter per kind of document; every
-- write moves it on, so each server's in-memory facet snapshot knows what
-- to reload.
CREATE TABLE search_state (
    kind  TEXT PRIMARY KEY,
    gen   INTEGER NOT NULL
);

-- search_docs is one row per searchable record: its facet values
-- ("name=value" lines) and its text analysed in Go into plain tokens.
-- Removed records stay, not live and empty, so snapshots learn of it.
CREATE TABLE search_docs (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    ref     TEXT NOT NULL,
    gen     INTEGER NOT NULL,
    live    INTEGER NOT NULL,
    day     DATE,
    facets  TEXT NOT NULL,
    tokens  TEXT NOT NULL,
    UNIQUE (kind, ref)
);
CREATE INDEX search_docs_gen ON search_docs(kind, gen);

-- A case: its stable reference (NGA-2019-001), the latest revision and the
-- one the public sees (NULL until first published).
CREATE TABLE caselaw_cases (
    id             INTEGER PRIMARY KEY,
    ref            TEXT NOT NULL UNIQUE,
    country        TEXT NOT NULL,
    title          TEXT NOT NULL,
    latest_rev     INTEGER NOT NULL,
    published_rev  INTEGER,
    decision_date  DATE,
    decision_year  INTEGER,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX caselaw_cases_country ON caselaw_cases(country);

-- Every revision of a case in its JSON form, with the personal-identifier
-- findings of its texts and who confirmed them (NULL: not confirmed).
CREATE TABLE caselaw_revisions (
    case_id       INTEGER NOT NULL REFERENCES caselaw_cases(id),
    rev           INTEGER NOT NULL,
    body          TEXT NOT NULL,
    findings      TEXT NOT NULL,
    confirmed_by  TEXT,
    author_id     INTEGER,
    author        TEXT NOT NULL,
    note          TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (case_id, rev)
);

-- Judgments and other files, stored in the database with their digest and
-- sniffed type; text is what was extracted for search. rev is the revision
-- the file came with: the public sees files up to the published revision.
CREATE TABLE caselaw_attachments (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES caselaw_cases(id),
    rev           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    data          BLOB NOT NULL,
    text          TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX caselaw_attachments_case ON caselaw_attachments(case_id);

-- The published revision's keywords and charges, for the analysis page.
CREATE TABLE caselaw_keywords (
    case_id   INTEGER NOT NULL REFERENCES caselaw_cases(id),
    category  TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (case_id, category, value)
);
CREATE TABLE caselaw_charges (
    case_id              INTEGER NOT NULL REFERENCES caselaw_cases(id),
    defendant            INTEGER NOT NULL,
    position             INTEGER NOT NULL,
    verdict              TEXT NOT NULL,
    imprisonment_months  INTEGER,
    instrument           TEXT NOT NULL,
    article              TEXT NOT NULL,
    PRIMARY KEY (case_id, defendant, position)
);
CREATE INDEX caselaw_charges_instrument ON caselaw_charges(instrument, article);

-- National legislation: an instrument, its articles (texts by language as
-- JSON; implements lists Convention and Protocol articles such as
-- "tip-protocol:5") and its amendments over time.
CREATE TABLE caselaw_instruments (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE,
    country     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    year        INTEGER NOT NULL,
    language    TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX caselaw_instruments_country ON caselaw_instruments(country);
CREATE TABLE caselaw_articles (
    instrument_id  INTEGER NOT NULL REFERENCES caselaw_instruments(id),
    position       INTEGER NOT NULL,
    number         TEXT NOT NULL,
    heading        TEXT NOT NULL,
    texts          TEXT NOT NULL,
    implements     TEXT NOT NULL,
    PRIMARY KEY (instrument_id, position)
);
CREATE TABLE caselaw_amendments (
    instrument_id  INTEGER NOT NULL REFERENCES caselaw_instruments(id),
    position       INTEGER NOT NULL,
    amended_on     DATE NOT NULL,
    description    TEXT NOT NULL,
    PRIMARY KEY (instrument_id, position)
);

-- FTS5 over the tokens column, kept by triggers (external content: the
-- tokens are stored once, in search_docs). The ascii tokenizer splits only
-- on ASCII punctuation and spaces, which is all the analysed tokens hold
-- between them; tables named fts_* are left out of the schema comparison.
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

-- +goose Down
DROP TABLE fts_search;
DROP TABLE caselaw_amendments;
DROP TABLE caselaw_articles;
DROP TABLE caselaw_instruments;
DROP TABLE caselaw_charges;
DROP TABLE caselaw_keywords;
DROP TABLE caselaw_attachments;
DROP TABLE caselaw_revisions;
DROP TABLE caselaw_cases;
DROP TABLE search_docs;
DROP TABLE search_state;
