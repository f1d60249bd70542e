-- +goose Up
-- The unique key (iso3, indicator, …) already serves lookups by country;
-- a second index on (iso3, year) only slowed bulk imports.
DROP INDEX stat_observations_country;

-- +goose Down
CREATE INDEX stat_observations_country ON stat_observations(iso3, year);
