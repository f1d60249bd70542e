-- +goose Up
-- The date a treaty instrument's imported status table records the status
-- on, and where it comes from: pages say "status as recorded on DATE
-- (SOURCE)" and default to that date instead of today when it is older.
CREATE TABLE treaty_records (
    instrument_id  TEXT PRIMARY KEY REFERENCES treaty_instruments(id),
    recorded_on    DATE NOT NULL,
    source         TEXT NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE treaty_records;
