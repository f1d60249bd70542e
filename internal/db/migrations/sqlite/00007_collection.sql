-- +goose Up
-- The national data collection workflow of the statistics room. Analysts
-- open rounds (reference years and indicators, comma-separated, and a
-- deadline); each country's focal point keeps one submission per round: a
-- draft of raw cell texts (saved even when validation finds problems), and
-- a frozen version per submit with parsed values, so any two versions can
-- be compared cell by cell. Queries are the analysts' questions on cells.
CREATE TABLE stat_rounds (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    years       TEXT NOT NULL,
    indicators  TEXT NOT NULL,
    deadline    DATE NOT NULL,
    status      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE stat_submissions (
    id                 INTEGER PRIMARY KEY,
    round_id           INTEGER NOT NULL REFERENCES stat_rounds(id),
    iso3               TEXT NOT NULL REFERENCES countries(iso3),
    status             TEXT NOT NULL,
    version            INTEGER NOT NULL,
    published_version  INTEGER NOT NULL,
    return_note        TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_by         TEXT NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    UNIQUE (round_id, iso3)
);

CREATE TABLE stat_draft_cells (
    submission_id  INTEGER NOT NULL REFERENCES stat_submissions(id),
    indicator      TEXT NOT NULL,
    dimension      TEXT NOT NULL,
    category       TEXT NOT NULL,
    sex            TEXT NOT NULL,
    age            TEXT NOT NULL,
    year           INTEGER NOT NULL,
    value_text     TEXT NOT NULL,
    PRIMARY KEY (submission_id, indicator, dimension, category, sex, age, year)
);

CREATE TABLE stat_versions (
    id             INTEGER PRIMARY KEY,
    submission_id  INTEGER NOT NULL REFERENCES stat_submissions(id),
    version        INTEGER NOT NULL,
    status         TEXT NOT NULL,
    submitted_by   TEXT NOT NULL,
    submitted_at   TIMESTAMP NOT NULL,
    validated_by   TEXT,
    validated_at   TIMESTAMP,
    published_by   TEXT,
    published_at   TIMESTAMP,
    UNIQUE (submission_id, version)
);

CREATE TABLE stat_version_cells (
    version_id     INTEGER NOT NULL REFERENCES stat_versions(id),
    indicator      TEXT NOT NULL,
    dimension      TEXT NOT NULL,
    category       TEXT NOT NULL,
    sex            TEXT NOT NULL,
    age            TEXT NOT NULL,
    year           INTEGER NOT NULL,
    value_kind     TEXT NOT NULL,
    value          INTEGER,
    category_iso3  TEXT,
    PRIMARY KEY (version_id, indicator, dimension, category, sex, age, year)
);

CREATE TABLE stat_queries (
    id             INTEGER PRIMARY KEY,
    submission_id  INTEGER NOT NULL REFERENCES stat_submissions(id),
    version        INTEGER NOT NULL,
    indicator      TEXT NOT NULL,
    dimension      TEXT NOT NULL,
    category       TEXT NOT NULL,
    sex            TEXT NOT NULL,
    age            TEXT NOT NULL,
    year           INTEGER NOT NULL,
    question       TEXT NOT NULL,
    asked_by       TEXT NOT NULL,
    asked_at       TIMESTAMP NOT NULL,
    answer         TEXT NOT NULL,
    revised_value  TEXT NOT NULL,
    answered_by    TEXT,
    answered_at    TIMESTAMP,
    status         TEXT NOT NULL,
    closed_by      TEXT,
    closed_at      TIMESTAMP
);
CREATE INDEX stat_queries_submission ON stat_queries(submission_id, status);

-- +goose Down
DROP TABLE stat_queries;
DROP TABLE stat_version_cells;
DROP TABLE stat_versions;
DROP TABLE stat_draft_cells;
DROP TABLE stat_submissions;
DROP TABLE stat_rounds;
