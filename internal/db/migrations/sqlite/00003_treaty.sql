-- +goose Up
-- The Convention, its Protocols and UNCAC: fixed rows seeded at start. Their
-- titles live in the message catalogues (six languages), not here.
CREATE TABLE treaty_instruments (
    id           TEXT PRIMARY KEY,
    chapter      TEXT NOT NULL,
    supplements  TEXT REFERENCES treaty_instruments(id),
    adopted      DATE NOT NULL,
    in_force     DATE NOT NULL,
    position     INTEGER NOT NULL
);

-- One row per participant and instrument, as the UN Treaty Collection's
-- status table shows it. participant is the ISO3 code of a State, or the
-- name of a non-State party (the European Union), which has no iso3. Dates
-- are calendar days, stored as YYYY-MM-DD on both engines.
CREATE TABLE treaty_actions (
    instrument_id  TEXT NOT NULL REFERENCES treaty_instruments(id),
    participant    TEXT NOT NULL,
    iso3           TEXT REFERENCES countries(iso3),
    un_name        TEXT NOT NULL,
    signature      DATE,
    consent        DATE,
    consent_kind   TEXT NOT NULL,
    reservations   TEXT NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (instrument_id, participant)
);
CREATE INDEX treaty_actions_iso3 ON treaty_actions(iso3);
CREATE INDEX treaty_actions_consent ON treaty_actions(instrument_id, consent);

-- +goose Down
DROP TABLE treaty_actions;
DROP TABLE treaty_instruments;
