-- +goose Up
-- The directory of competent national authorities for international
-- cooperation: per country, who receives requests for mutual legal
-- assistance, extradition, vessels under article 8 of the Smuggling of
-- Migrants Protocol, and who coordinates. Contact details are personal data.
-- languages and channels are comma-separated codes from a closed vocabulary
-- (ISO 639-1; the directory's channels), so they never hold a comma.
-- confirmed_on is a calendar day, NULL when nobody has confirmed the entry;
-- confirmed_by is the confirming official's name as it was then.
CREATE TABLE authorities (
    id              INTEGER PRIMARY KEY,
    iso3            TEXT NOT NULL REFERENCES countries(iso3),
    function        TEXT NOT NULL,
    name            TEXT NOT NULL,
    contact_person  TEXT NOT NULL,
    address         TEXT NOT NULL,
    phone           TEXT NOT NULL,
    email           TEXT NOT NULL,
    website         TEXT NOT NULL,
    languages       TEXT NOT NULL,
    channels        TEXT NOT NULL,
    notes           TEXT NOT NULL,
    confirmed_on    DATE,
    confirmed_by    TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX authorities_country ON authorities(iso3, function);

-- +goose Down
DROP TABLE authorities;
