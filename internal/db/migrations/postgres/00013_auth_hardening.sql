-- +goose Up
-- Sessions are now stored under the SHA-256 of their token. Rows written
-- before hold the token itself and could never match again: delete them,
-- which signs everyone out once.
DELETE FROM sessions;

-- API tokens get an expiry, a scope ('full', or 'read': GET and HEAD only)
-- and whether they carry a second factor (minted by a session that passed
-- one, or vouched for by an operator on the command line). Tokens made
-- before cannot show how they were minted: they carry none, and expire 90
-- days from this migration.
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMPTZ NOT NULL DEFAULT now() + INTERVAL '90 days';
ALTER TABLE api_tokens ALTER COLUMN expires_at DROP DEFAULT;
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'full';
ALTER TABLE api_tokens ADD COLUMN second_factor BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE api_tokens DROP COLUMN second_factor;
ALTER TABLE api_tokens DROP COLUMN scope;
ALTER TABLE api_tokens DROP COLUMN expires_at;
DELETE FROM sessions;
