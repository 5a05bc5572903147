-- Foundation: staff accounts, sessions, rounds, and the audit log.
-- Never edit a migration once applied; add a new one (see migrations/README.md).

CREATE TABLE staff_accounts (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'department', 'inspector')),
    category      TEXT    CHECK (category IN ('village', 'ditch', 'road', 'market')),
    password_hash TEXT    NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    -- A department account names its category; no other role does.
    CHECK ((role = 'department') = (category IS NOT NULL))
);

CREATE TABLE sessions (
    -- SHA-256 of the cookie's token: a leaked table does not leak live sessions.
    token_hash  TEXT    PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    csrf_token  TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE rounds (
    id                      INTEGER PRIMARY KEY,
    name                    TEXT NOT NULL,
    phase                   TEXT NOT NULL CHECK (phase IN
        ('nomination', 'screening', 'voting', 'field_scoring', 'review', 'published')),
    nomination_starts_at    TEXT NOT NULL,
    nomination_ends_at      TEXT NOT NULL,
    screening_starts_at     TEXT NOT NULL,
    screening_ends_at       TEXT NOT NULL,
    voting_starts_at        TEXT NOT NULL,
    voting_ends_at          TEXT NOT NULL,
    field_scoring_starts_at TEXT NOT NULL,
    field_scoring_ends_at   TEXT NOT NULL,
    review_starts_at        TEXT NOT NULL,
    review_ends_at          TEXT NOT NULL,
    -- RoundConfig as JSON (weights, worst/warned N, max choices …).
    config                  TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT    NOT NULL,
    account_id  INTEGER REFERENCES staff_accounts (id),
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    detail      TEXT    NOT NULL
);
