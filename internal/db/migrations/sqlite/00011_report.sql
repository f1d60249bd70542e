-- +goose Up
-- Editions of the Global Report on Trafficking in Persons. An edition is
-- built as a draft, which analysts preview and may rebuild or delete; once
-- published it is a frozen snapshot: its files are kept here with their
-- SHA-256 and served as they are, whatever the statistics become.
CREATE TABLE report_editions (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    years_from      INTEGER NOT NULL,
    years_to        INTEGER NOT NULL,
    grouping_id     TEXT NOT NULL,
    subgrouping_id  TEXT NOT NULL,
    langs           TEXT NOT NULL,
    has_pdf         INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    files           INTEGER NOT NULL,
    size            INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    built_by        TEXT NOT NULL,
    built_at        TIMESTAMP NOT NULL,
    published_by    TEXT,
    published_at    TIMESTAMP
);

CREATE TABLE report_files (
    edition_id    INTEGER NOT NULL REFERENCES report_editions(id) ON DELETE CASCADE,
    path          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    data          BLOB NOT NULL,
    PRIMARY KEY (edition_id, path)
);

-- +goose Down
DROP TABLE report_files;
DROP TABLE report_editions;
