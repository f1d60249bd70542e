-- +goose Up
-- A figure keeps the country name and the Source cell of the row it was
-- imported from, exactly as the file published them, so that an export in
-- the published layout gives back the published rows (issue 15): the
-- file's own names ("Antigua and Barbuda", not a CLDR form) and its Source
-- ("GLOTIP"), not the source with the file's name tipsom records; an
-- aggregate keeps its code as written ("Aruba/Curacao").
ALTER TABLE stat_observations ADD COLUMN published_name TEXT;
ALTER TABLE stat_observations ADD COLUMN published_source TEXT;
ALTER TABLE stat_aggregates ADD COLUMN published_source TEXT;
ALTER TABLE stat_aggregates ADD COLUMN published_code TEXT;

-- +goose Down
ALTER TABLE stat_aggregates DROP COLUMN published_code;
ALTER TABLE stat_aggregates DROP COLUMN published_source;
ALTER TABLE stat_observations DROP COLUMN published_source;
ALTER TABLE stat_observations DROP COLUMN published_name;
