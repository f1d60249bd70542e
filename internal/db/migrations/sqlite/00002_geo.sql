-- +goose Up
CREATE TABLE countries (
    iso3          TEXT PRIMARY KEY,
    iso2          TEXT NOT NULL UNIQUE,
    m49           TEXT NOT NULL UNIQUE,
    region        TEXT NOT NULL,
    subregion     TEXT NOT NULL,
    intermediate  TEXT NOT NULL,
    name_ar       TEXT NOT NULL,
    name_zh       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    name_fr       TEXT NOT NULL,
    name_ru       TEXT NOT NULL,
    name_es       TEXT NOT NULL
);

CREATE TABLE reference_data (
    name    TEXT PRIMARY KEY,
    digest  TEXT NOT NULL,
    loaded_at TIMESTAMP NOT NULL
);

CREATE TABLE groupings (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    edition     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    system      INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE grouping_members (
    grouping_id  TEXT NOT NULL REFERENCES groupings(id) ON DELETE CASCADE,
    iso3         TEXT NOT NULL REFERENCES countries(iso3),
    group_name   TEXT NOT NULL,
    PRIMARY KEY (grouping_id, iso3)
);
CREATE INDEX grouping_members_country ON grouping_members(iso3);

CREATE TABLE population (
    iso3        TEXT NOT NULL REFERENCES countries(iso3),
    year        INTEGER NOT NULL,
    population  INTEGER NOT NULL,
    source      TEXT NOT NULL,
    PRIMARY KEY (iso3, year)
);

-- +goose Down
DROP TABLE population;
DROP TABLE grouping_members;
DROP TABLE groupings;
DROP TABLE reference_data;
DROP TABLE countries;
