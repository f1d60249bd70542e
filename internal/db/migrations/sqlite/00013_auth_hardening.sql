-- +goose Up
-- Sessions are now stored under the SHA-256 of their token. Rows written
-- before hold the token itself and could never match again: delete them,
-- which signs everyone out once.
DELETE FROM sessions;

-- +goose Down
DELETE FROM sessions;
