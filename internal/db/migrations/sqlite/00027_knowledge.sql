-- +goose Up
-- The Knowledge Hub: resources, good practices, news and events. An item's
-- content (titles and texts in several languages, topics, countries) is one
-- JSON document; what moderation, lists and the public pages select on is
-- in columns. Partners' contributions wait as 'submitted' until an editor
-- publishes them or sends them back ('returned') with a reason.
CREATE TABLE knowledge_items (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('resource', 'practice', 'news', 'event')),
    status       TEXT NOT NULL CHECK (status IN ('submitted', 'returned', 'published', 'withdrawn')),
    content      TEXT NOT NULL,
    org_id       BIGINT REFERENCES organisations(id),
    author_id    BIGINT REFERENCES users(id),
    author       TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    day          DATE,
    demo         INTEGER NOT NULL DEFAULT 0,
    demo_key     TEXT,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    published_at TIMESTAMP
);
CREATE INDEX knowledge_items_status ON knowledge_items(status, kind, day);
CREATE INDEX knowledge_items_org ON knowledge_items(org_id);
CREATE UNIQUE INDEX knowledge_items_demo_key ON knowledge_items(demo_key);

-- A resource's document (a PDF), with its extracted text for the search.
CREATE TABLE knowledge_files (
    item_id      BIGINT PRIMARY KEY REFERENCES knowledge_items(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    text         TEXT NOT NULL DEFAULT '',
    uploaded_at  TIMESTAMP NOT NULL
);

-- The topics a user follows: a newly published resource on one is a notice.
CREATE TABLE knowledge_follows (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    topic   TEXT NOT NULL,
    PRIMARY KEY (user_id, topic)
);

-- +goose Down
DROP TABLE knowledge_follows;
DROP TABLE knowledge_files;
DROP TABLE knowledge_items;
