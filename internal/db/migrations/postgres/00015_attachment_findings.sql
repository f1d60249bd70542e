-- +goose Up
-- The identifier check's findings in a judgment file's extracted text
-- (JSON, as caselaw_revisions.findings). A revision's findings include
-- those of every file it carries, so publication waits for them too.
-- Files stored before this migration were not checked; they keep '[]'.
ALTER TABLE caselaw_attachments ADD COLUMN findings TEXT NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE caselaw_attachments DROP COLUMN findings;
