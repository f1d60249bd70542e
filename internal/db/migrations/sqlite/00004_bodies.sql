-- +goose Up
-- Coordination bodies (ICAT, UN.GIFT, GMG, the Conference's working groups),
-- the organisations that sit in them, chair periods, working groups,
-- meetings and their documents. Dates are calendar days (YYYY-MM-DD).
CREATE TABLE bodies (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    acronym     TEXT NOT NULL,
    name        TEXT NOT NULL,
    mandate     TEXT NOT NULL,
    membership  TEXT NOT NULL,
    position    INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE body_orgs (
    id          INTEGER PRIMARY KEY,
    acronym     TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX body_orgs_acronym ON body_orgs (lower(acronym));

CREATE TABLE body_members (
    id          INTEGER PRIMARY KEY,
    body_id     INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    org_id      INTEGER NOT NULL REFERENCES body_orgs(id),
    role        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (body_id, org_id)
);
CREATE INDEX body_members_org ON body_members(org_id);

CREATE TABLE body_chairs (
    id          INTEGER PRIMARY KEY,
    body_id     INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    org_id      INTEGER NOT NULL REFERENCES body_orgs(id),
    holder      TEXT NOT NULL,
    starts_on   DATE NOT NULL,
    ends_on     DATE,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX body_chairs_body ON body_chairs(body_id, starts_on);

CREATE TABLE body_groups (
    id          INTEGER PRIMARY KEY,
    body_id     INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    mandate     TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (body_id, name)
);

CREATE TABLE body_group_members (
    group_id    INTEGER NOT NULL REFERENCES body_groups(id) ON DELETE CASCADE,
    org_id      INTEGER NOT NULL REFERENCES body_orgs(id),
    PRIMARY KEY (group_id, org_id)
);

CREATE TABLE body_meetings (
    id          INTEGER PRIMARY KEY,
    body_id     INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    held_on     DATE NOT NULL,
    place       TEXT NOT NULL,
    agenda      TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX body_meetings_body ON body_meetings(body_id, held_on);

CREATE TABLE body_documents (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES body_meetings(id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    filename      TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    data          BLOB NOT NULL,
    uploaded_at   TIMESTAMP NOT NULL
);
CREATE INDEX body_documents_meeting ON body_documents(meeting_id);

-- body_seeds remembers which seeded items were inserted once, so a later
-- start does not bring back what an editor removed.
CREATE TABLE body_seeds (
    key         TEXT PRIMARY KEY,
    applied_at  TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE body_seeds;
DROP TABLE body_documents;
DROP TABLE body_meetings;
DROP TABLE body_group_members;
DROP TABLE body_groups;
DROP TABLE body_chairs;
DROP TABLE body_members;
DROP TABLE body_orgs;
DROP TABLE bodies;
