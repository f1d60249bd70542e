-- +goose Up
-- Notices, e-mail and password reset (the notify plumbing). A notice keeps
-- its message key and parameters, never text in one language: it is
-- rendered in the recipient's language when shown or mailed. dedupe makes
-- scheduled notices (deadlines, followed searches) idempotent per user.
CREATE TABLE notices (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    object      TEXT NOT NULL,
    url         TEXT NOT NULL,
    message_key TEXT NOT NULL,
    params      TEXT NOT NULL,
    dedupe      TEXT NOT NULL,
    digest      INTEGER NOT NULL DEFAULT 0,
    mailed_at   TIMESTAMP,
    created_at  TIMESTAMP NOT NULL,
    read_at     TIMESTAMP
);
CREATE INDEX notices_user ON notices(user_id, read_at);
CREATE UNIQUE INDEX notices_dedupe ON notices(user_id, dedupe) WHERE dedupe <> '';

-- Each person's language and time zone for what is sent to them, and how
-- each kind of notice reaches them (immediate, digest, off).
CREATE TABLE notify_settings (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    lang       TEXT NOT NULL,
    time_zone  TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE notify_prefs (
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    mode     TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- The addresses each account signed in from, to tell of a new one.
CREATE TABLE notify_known_addrs (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    addr       TEXT NOT NULL,
    first_seen TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, addr)
);

-- The outbox: one row per mail, rendered in its recipient's language,
-- claimed atomically by a worker (status queued → sending → sent).
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
    to_addr         TEXT NOT NULL,
    to_name         TEXT NOT NULL,
    lang            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    unsubscribe     TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_by      TEXT NOT NULL,
    claimed_at      TIMESTAMP,
    sent_at         TIMESTAMP,
    last_error      TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);

-- Password reset links: only the SHA-256 of the token is kept.
CREATE TABLE password_resets (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- Reset requests counted per address typed and per client, for the rate
-- limit (kept an hour).
CREATE TABLE password_reset_requests (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL,
    at   TIMESTAMP NOT NULL
);
CREATE INDEX password_reset_requests_key ON password_reset_requests(key, at);

-- Case law searches readers follow, with the published cases
-- already seen to match (a JSON list of references), so only new ones are told.
CREATE TABLE followed_searches (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    query      TEXT NOT NULL,
    seen       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    checked_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, query)
);

-- +goose Down
DROP TABLE followed_searches;
DROP TABLE password_reset_requests;
DROP TABLE password_resets;
DROP TABLE mail_outbox;
DROP TABLE notify_known_addrs;
DROP TABLE notify_prefs;
DROP TABLE notify_settings;
DROP TABLE notices;
