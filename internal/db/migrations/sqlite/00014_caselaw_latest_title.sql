-- +goose Up
-- A case's title column holds its latest revision's title, a draft's
-- included: it serves the drafters' lists. Its name now says so, so that
-- no public read takes it for the published title, which public pages read
-- from the published revision itself.
ALTER TABLE caselaw_cases RENAME COLUMN title TO latest_title;

-- +goose Down
ALTER TABLE caselaw_cases RENAME COLUMN latest_title TO title;
