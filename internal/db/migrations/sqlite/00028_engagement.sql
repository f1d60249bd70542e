-- +goose Up
-- The Blue Heart Campaign: applications to adopt it (a State through its
-- focal point, a business or a civil society organisation through its
-- account) with the automatic check of the terms of engagement stored as
-- it was made, the evidence and campaign material handed in with them,
-- the adopters the advocacy staff approved (suspended ones kept, off the
-- public map), and awareness campaigns with the measures that evaluate
-- them (a baseline and a follow-up of the same measure).
CREATE TABLE engagement_applications (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    country     TEXT NOT NULL,
    org_id      BIGINT NOT NULL DEFAULT 0,
    name        TEXT NOT NULL,
    adopt_on    DATE NOT NULL,
    scope       TEXT NOT NULL DEFAULT '',
    links       TEXT NOT NULL DEFAULT '',
    declared    TEXT NOT NULL DEFAULT '',
    evidence    TEXT NOT NULL DEFAULT '{}',
    checks      TEXT NOT NULL DEFAULT '[]',
    checked_at  TIMESTAMP NOT NULL,
    status      TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    applied_by  TEXT NOT NULL,
    applied_at  TIMESTAMP NOT NULL,
    decided_by  TEXT NOT NULL DEFAULT '',
    decided_at  TIMESTAMP,
    demo        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX engagement_applications_owner ON engagement_applications(country, org_id);

CREATE TABLE engagement_files (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES engagement_applications(id) ON DELETE CASCADE,
    criterion      TEXT NOT NULL DEFAULT '',
    name           TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size           BIGINT NOT NULL,
    sha256         TEXT NOT NULL,
    data           BLOB NOT NULL,
    uploaded_by    TEXT NOT NULL,
    uploaded_at    TIMESTAMP NOT NULL
);
CREATE INDEX engagement_files_application ON engagement_files(application_id);

CREATE TABLE engagement_adopters (
    id               INTEGER PRIMARY KEY,
    application_id   INTEGER NOT NULL REFERENCES engagement_applications(id),
    kind             TEXT NOT NULL,
    country          TEXT NOT NULL,
    org_id           BIGINT NOT NULL DEFAULT 0,
    name             TEXT NOT NULL,
    adopted_on       DATE NOT NULL,
    scope            TEXT NOT NULL DEFAULT '',
    links            TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL,
    suspended_reason TEXT NOT NULL DEFAULT '',
    suspended_at     TIMESTAMP,
    demo             INTEGER NOT NULL DEFAULT 0,
    created_at       TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX engagement_adopters_application ON engagement_adopters(application_id);

CREATE TABLE engagement_campaigns (
    id         INTEGER PRIMARY KEY,
    adopter_id BIGINT NOT NULL DEFAULT 0,
    title      TEXT NOT NULL,
    audience   TEXT NOT NULL,
    channels   TEXT NOT NULL DEFAULT '',
    countries  TEXT NOT NULL DEFAULT '',
    languages  TEXT NOT NULL DEFAULT '',
    starts_on  DATE NOT NULL,
    ends_on    DATE NOT NULL,
    messages   TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    demo       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE engagement_measures (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES engagement_campaigns(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL,
    better      TEXT NOT NULL,
    baseline    REAL NOT NULL,
    follow_up   REAL NOT NULL,
    sample_size BIGINT NOT NULL,
    source      TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX engagement_measures_campaign ON engagement_measures(campaign_id);

-- +goose Down
DROP TABLE engagement_measures;
DROP TABLE engagement_campaigns;
DROP TABLE engagement_adopters;
DROP TABLE engagement_files;
DROP TABLE engagement_applications;
