-- +goose Up
-- The UN Voluntary Trust Fund for Victims of Trafficking: donors and their
-- contributions, the ledger every balance is derived from, calls for
-- proposals of the Small Grants Facility, the NGOs' proposals with their
-- budgets, reviews, trustees' conflicts and votes, grants with their
-- tranches and reports. Money is an integer of minor units with its ISO
-- 4217 currency; the ledger holds USD cents.
CREATE TABLE trustfund_donors (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    country       TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    consent_named INTEGER NOT NULL DEFAULT 0,
    demo          INTEGER NOT NULL DEFAULT 0,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE trustfund_contributions (
    id           INTEGER PRIMARY KEY,
    donor_id     INTEGER NOT NULL REFERENCES trustfund_donors(id),
    status       TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency     TEXT NOT NULL,
    rate         TEXT NOT NULL,
    usd_minor    BIGINT NOT NULL,
    earmark      TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL,
    message      TEXT NOT NULL DEFAULT '',
    pledged_on   DATE,
    received_on  DATE,
    recorded_by  TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    demo         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX trustfund_contributions_donor ON trustfund_contributions(donor_id);

-- The one row every change of money locks first, so two approvals never
-- read the same available balance.
CREATE TABLE trustfund_lock (
    id INTEGER PRIMARY KEY
);
INSERT INTO trustfund_lock (id) VALUES (1);

CREATE TABLE trustfund_ledger (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    grant_id        BIGINT NOT NULL DEFAULT 0,
    contribution_id BIGINT NOT NULL DEFAULT 0,
    usd_minor       BIGINT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    recorded_by     TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE trustfund_calls (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    opens_at     TIMESTAMP NOT NULL,
    closes_at    TIMESTAMP NOT NULL,
    time_zone    TEXT NOT NULL,
    countries    TEXT NOT NULL DEFAULT '',
    priorities   TEXT NOT NULL DEFAULT '',
    min_minor    BIGINT NOT NULL,
    max_minor    BIGINT NOT NULL,
    max_months   INTEGER NOT NULL,
    documents    TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    demo         INTEGER NOT NULL DEFAULT 0
);

-- An NGO's profile for the fund, beside its account organisation: what the
-- eligibility checks read, and the fund manager's verification.
CREATE TABLE trustfund_orgs (
    org_id              INTEGER PRIMARY KEY REFERENCES organisations(id),
    name                TEXT NOT NULL,
    country             TEXT NOT NULL,
    registration_number TEXT NOT NULL,
    non_profit          INTEGER NOT NULL DEFAULT 0,
    assisting_since     INTEGER NOT NULL,
    bank_account        INTEGER NOT NULL DEFAULT 0,
    psea_policy         INTEGER NOT NULL DEFAULT 0,
    profile             TEXT NOT NULL DEFAULT '',
    verified_at         TIMESTAMP,
    verified_by         TEXT NOT NULL DEFAULT '',
    updated_at          TIMESTAMP NOT NULL,
    demo                INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE trustfund_proposals (
    id             INTEGER PRIMARY KEY,
    call_id        INTEGER NOT NULL REFERENCES trustfund_calls(id),
    org_id         INTEGER NOT NULL REFERENCES organisations(id),
    status         TEXT NOT NULL,
    title          TEXT NOT NULL,
    summary        TEXT NOT NULL,
    country        TEXT NOT NULL,
    months         INTEGER NOT NULL,
    beneficiaries  TEXT NOT NULL,
    assistance     TEXT NOT NULL,
    requested_minor BIGINT NOT NULL,
    screening      TEXT NOT NULL DEFAULT '',
    screened_by    TEXT NOT NULL DEFAULT '',
    decision_note  TEXT NOT NULL DEFAULT '',
    reserve_rank   INTEGER NOT NULL DEFAULT 0,
    submitted_at   TIMESTAMP,
    decided_at     TIMESTAMP,
    created_by     TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    demo           INTEGER NOT NULL DEFAULT 0,
    UNIQUE (call_id, org_id)
);

CREATE TABLE trustfund_budget_lines (
    proposal_id  INTEGER NOT NULL REFERENCES trustfund_proposals(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    category     TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    amount_minor BIGINT NOT NULL,
    PRIMARY KEY (proposal_id, position)
);

-- Files: an NGO's registration documents, a proposal's, a report's.
CREATE TABLE trustfund_files (
    id           INTEGER PRIMARY KEY,
    owner_kind   TEXT NOT NULL,
    owner_id     BIGINT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  TIMESTAMP NOT NULL
);
CREATE INDEX trustfund_files_owner ON trustfund_files(owner_kind, owner_id);

CREATE TABLE trustfund_reviewers (
    proposal_id  INTEGER NOT NULL REFERENCES trustfund_proposals(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    name         TEXT NOT NULL,
    submitted_at TIMESTAMP,
    assigned_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);

CREATE TABLE trustfund_scores (
    proposal_id INTEGER NOT NULL REFERENCES trustfund_proposals(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    criterion   TEXT NOT NULL,
    score       INTEGER NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (proposal_id, user_id, criterion)
);

-- A trustee's declaration on one proposal: conflicted or not, and why.
CREATE TABLE trustfund_conflicts (
    proposal_id INTEGER NOT NULL REFERENCES trustfund_proposals(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    conflicted  INTEGER NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    declared_at TIMESTAMP NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);

CREATE TABLE trustfund_votes (
    proposal_id INTEGER NOT NULL REFERENCES trustfund_proposals(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    vote        TEXT NOT NULL,
    voted_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);

CREATE TABLE trustfund_grants (
    id           INTEGER PRIMARY KEY,
    proposal_id  INTEGER NOT NULL UNIQUE REFERENCES trustfund_proposals(id),
    amount_minor BIGINT NOT NULL,
    starts_on    DATE NOT NULL,
    ends_on      DATE NOT NULL,
    status       TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE trustfund_tranches (
    id           INTEGER PRIMARY KEY,
    grant_id     INTEGER NOT NULL REFERENCES trustfund_grants(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    percent      INTEGER NOT NULL,
    amount_minor BIGINT NOT NULL,
    condition    TEXT NOT NULL,
    paid_at      TIMESTAMP,
    paid_by      TEXT NOT NULL DEFAULT '',
    UNIQUE (grant_id, position)
);

-- A grantee's narrative and financial report.
CREATE TABLE trustfund_reports (
    id           INTEGER PRIMARY KEY,
    grant_id     INTEGER NOT NULL REFERENCES trustfund_grants(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    due_on       DATE NOT NULL,
    status       TEXT NOT NULL,
    narrative    TEXT NOT NULL DEFAULT '',
    expenditure  TEXT NOT NULL DEFAULT '',
    assisted     TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    submitted_at TIMESTAMP,
    decided_at   TIMESTAMP,
    UNIQUE (grant_id, kind)
);

-- +goose Down
DROP TABLE trustfund_reports;
DROP TABLE trustfund_tranches;
DROP TABLE trustfund_grants;
DROP TABLE trustfund_votes;
DROP TABLE trustfund_conflicts;
DROP TABLE trustfund_scores;
DROP TABLE trustfund_reviewers;
DROP TABLE trustfund_files;
DROP TABLE trustfund_budget_lines;
DROP TABLE trustfund_proposals;
DROP TABLE trustfund_orgs;
DROP TABLE trustfund_calls;
DROP TABLE trustfund_ledger;
DROP TABLE trustfund_lock;
DROP TABLE trustfund_contributions;
DROP TABLE trustfund_donors;
