-- +goose Up
-- The Omnibus self-assessment and the review mechanism. A questionnaire is
-- a file of the repository (questionnaires/*.yaml); an assessment keeps the
-- id and version it was started on. Answers are one row per question, the
-- value as JSON in the shape of its question's type.
CREATE TABLE omnibus_assessments (
    id                    INTEGER PRIMARY KEY,
    country               TEXT NOT NULL,
    questionnaire         TEXT NOT NULL,
    instrument            TEXT NOT NULL,
    version               INTEGER NOT NULL,
    status                TEXT NOT NULL,
    started_by            TEXT NOT NULL,
    started_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL,
    submitted_at          TIMESTAMP,
    submitted_by          TEXT NOT NULL DEFAULT '',
    demo                  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (country, questionnaire)
);

CREATE TABLE omnibus_answers (
    assessment_id INTEGER NOT NULL REFERENCES omnibus_assessments(id) ON DELETE CASCADE,
    question      TEXT NOT NULL,
    value         TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (assessment_id, question)
);

-- Files attached to an answer (the text of a law, a summary), kept in the
-- database with their digest so a backup is one thing.
CREATE TABLE omnibus_files (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES omnibus_assessments(id) ON DELETE CASCADE,
    question      TEXT NOT NULL,
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    data          BLOB NOT NULL,
    uploaded_by   TEXT NOT NULL,
    uploaded_at   TIMESTAMP NOT NULL
);
CREATE INDEX omnibus_files_assessment ON omnibus_files(assessment_id, question);

-- A review cycle of one instrument: its dates and the seed of its draw.
CREATE TABLE omnibus_cycles (
    id          INTEGER PRIMARY KEY,
    instrument  TEXT NOT NULL,
    name        TEXT NOT NULL,
    starts_on   DATE NOT NULL,
    seed        BIGINT NOT NULL,
    drawn_as_of DATE NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    demo        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (instrument, name)
);

-- One State under review in a cycle, with its two reviewing States
-- (reviewer_same from its own UN regional group, reviewer_other from
-- another), the list of observations' state, the State's answer and the
-- summary the secretariat publishes.
CREATE TABLE omnibus_reviews (
    id             INTEGER PRIMARY KEY,
    cycle_id       INTEGER NOT NULL REFERENCES omnibus_cycles(id) ON DELETE CASCADE,
    country        TEXT NOT NULL,
    reviewer_same  TEXT NOT NULL,
    reviewer_other TEXT NOT NULL,
    status         TEXT NOT NULL,
    state_answer   TEXT NOT NULL DEFAULT '',
    state_comment  TEXT NOT NULL DEFAULT '',
    answered_by    TEXT NOT NULL DEFAULT '',
    answered_at    TIMESTAMP,
    summary        TEXT NOT NULL DEFAULT '',
    published_by   TEXT NOT NULL DEFAULT '',
    published_at   TIMESTAMP,
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (cycle_id, country)
);

-- The people of a review: governmental experts (who comment and draft)
-- and observers (who read), with the name and address they had when
-- assigned.
CREATE TABLE omnibus_review_members (
    review_id   INTEGER NOT NULL REFERENCES omnibus_reviews(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    role        TEXT NOT NULL,
    assigned_by TEXT NOT NULL,
    assigned_at TIMESTAMP NOT NULL,
    PRIMARY KEY (review_id, user_id)
);
CREATE INDEX omnibus_review_members_user ON omnibus_review_members(user_id);

CREATE TABLE omnibus_comments (
    id         INTEGER PRIMARY KEY,
    review_id  INTEGER NOT NULL REFERENCES omnibus_reviews(id) ON DELETE CASCADE,
    question   TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    author     TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX omnibus_comments_review ON omnibus_comments(review_id, question);

-- The list of observations: gaps, good practices, assistance needs.
CREATE TABLE omnibus_observations (
    id         INTEGER PRIMARY KEY,
    review_id  INTEGER NOT NULL REFERENCES omnibus_reviews(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    article    TEXT NOT NULL,
    body       TEXT NOT NULL,
    author     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX omnibus_observations_review ON omnibus_observations(review_id);

-- +goose Down
DROP TABLE omnibus_observations;
DROP TABLE omnibus_comments;
DROP TABLE omnibus_review_members;
DROP TABLE omnibus_reviews;
DROP TABLE omnibus_cycles;
DROP TABLE omnibus_files;
DROP TABLE omnibus_answers;
DROP TABLE omnibus_assessments;
