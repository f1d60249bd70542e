-- +goose Up
CREATE TABLE stat_imports (
    id            INTEGER PRIMARY KEY,
    file_name     TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    rows_read     INTEGER NOT NULL,
    rows_written  INTEGER NOT NULL,
    conflicts     INTEGER NOT NULL,
    findings      TEXT NOT NULL,
    imported_by   TEXT NOT NULL,
    imported_at   TIMESTAMP NOT NULL
);

CREATE TABLE stat_observations (
    id             INTEGER PRIMARY KEY,
    iso3           TEXT NOT NULL REFERENCES countries(iso3),
    indicator      TEXT NOT NULL,
    dimension      TEXT NOT NULL,
    category       TEXT NOT NULL,
    sex            TEXT NOT NULL,
    age            TEXT NOT NULL,
    year           INTEGER NOT NULL,
    unit           TEXT NOT NULL,
    value_kind     TEXT NOT NULL,
    value          INTEGER,
    category_iso3  TEXT,
    status         TEXT NOT NULL,
    source         TEXT NOT NULL,
    import_id      INTEGER REFERENCES stat_imports(id),
    submission_id  INTEGER,
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (iso3, indicator, dimension, category, sex, age, year)
);
CREATE INDEX stat_observations_query ON stat_observations(indicator, dimension, sex, age, year, category);
CREATE INDEX stat_observations_country ON stat_observations(iso3, year);

CREATE TABLE stat_aggregates (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    indicator   TEXT NOT NULL,
    dimension   TEXT NOT NULL,
    category    TEXT NOT NULL,
    sex         TEXT NOT NULL,
    age         TEXT NOT NULL,
    year        INTEGER NOT NULL,
    unit        TEXT NOT NULL,
    value_kind  TEXT NOT NULL,
    value       INTEGER,
    source      TEXT NOT NULL,
    import_id   INTEGER REFERENCES stat_imports(id),
    UNIQUE (code, indicator, dimension, category, sex, age, year)
);

CREATE TABLE stat_conflicts (
    id           INTEGER PRIMARY KEY,
    iso3         TEXT NOT NULL REFERENCES countries(iso3),
    indicator    TEXT NOT NULL,
    dimension    TEXT NOT NULL,
    category     TEXT NOT NULL,
    sex          TEXT NOT NULL,
    age          TEXT NOT NULL,
    year         INTEGER NOT NULL,
    unit         TEXT NOT NULL,
    candidates   TEXT NOT NULL,
    status       TEXT NOT NULL,
    chosen_kind  TEXT,
    chosen_value INTEGER,
    comment      TEXT NOT NULL,
    import_id    INTEGER REFERENCES stat_imports(id),
    resolved_by  TEXT,
    resolved_at  TIMESTAMP,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX stat_conflicts_key ON stat_conflicts(iso3, indicator, dimension, category, sex, age, year);

CREATE TABLE stat_categories (
    dimension   TEXT NOT NULL,
    label       TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (dimension, label)
);

CREATE TABLE stat_category_aliases (
    label       TEXT PRIMARY KEY,
    iso3        TEXT NOT NULL REFERENCES countries(iso3),
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE stat_category_aliases;
DROP TABLE stat_categories;
DROP TABLE stat_conflicts;
DROP TABLE stat_aggregates;
DROP TABLE stat_observations;
DROP TABLE stat_imports;
