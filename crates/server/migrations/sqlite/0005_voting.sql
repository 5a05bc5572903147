-- Voting: verified voters (only a keyed hash of who they are), SMS codes, voter sessions,
-- ballots with their choices, and running tallies.

-- A verified person. `identity_hash` is HMAC-SHA256(server secret, "sms:<number>" or
-- "wechat:<openid>"): the raw number or openid is never stored.
CREATE TABLE voters (
    id              INTEGER PRIMARY KEY,
    identity_hash   TEXT    NOT NULL UNIQUE,
    method          TEXT    NOT NULL CHECK (method IN ('sms', 'wechat')),
    created_at      TEXT    NOT NULL
);

-- The latest SMS code per number (hashed number, hashed code). One row per number: a new
-- code replaces the old one. `wrong` counts wrong tries in a row; five lock the number
-- until `locked_until`, each lock longer than the last (`locks`).
CREATE TABLE sms_codes (
    phone_hash      TEXT    PRIMARY KEY,
    code_hash       TEXT,
    sent_at         TEXT    NOT NULL,
    expires_at      TEXT    NOT NULL,
    wrong           INTEGER NOT NULL DEFAULT 0,
    locks           INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT
);

-- A verified phone: the cookie holds a random token, the table its SHA-256.
CREATE TABLE voter_sessions (
    token_hash      TEXT    PRIMARY KEY,
    voter_id        INTEGER NOT NULL REFERENCES voters (id),
    device_hash     TEXT,
    created_at      TEXT    NOT NULL,
    expires_at      TEXT    NOT NULL
);
CREATE INDEX voter_sessions_voter ON voter_sessions (voter_id);

-- One ballot per person per category per round: the UNIQUE constraint is the rule.
CREATE TABLE ballots (
    id              INTEGER PRIMARY KEY,
    round_id        INTEGER NOT NULL REFERENCES rounds (id),
    category        TEXT    NOT NULL CHECK (category IN ('village', 'ditch', 'road', 'market')),
    voter_id        INTEGER NOT NULL REFERENCES voters (id),
    receipt         TEXT    NOT NULL UNIQUE,
    device_hash     TEXT,
    -- The client's network (IPv4 /24 or IPv6 /48), for the fraud panel.
    network         TEXT,
    created_at      TEXT    NOT NULL,
    voided_at       TEXT,
    void_reason     TEXT,
    voided_by       INTEGER REFERENCES staff_accounts (id),
    UNIQUE (round_id, category, voter_id)
);
CREATE INDEX ballots_round_category ON ballots (round_id, category, id);

CREATE TABLE ballot_choices (
    ballot_id       INTEGER NOT NULL REFERENCES ballots (id),
    candidate_id    INTEGER NOT NULL REFERENCES candidates (id),
    PRIMARY KEY (ballot_id, candidate_id)
) WITHOUT ROWID;
CREATE INDEX ballot_choices_candidate ON ballot_choices (candidate_id);

-- Votes per candidate, kept up to date in the same transaction as each batch of ballots
-- (and each void), so counts never need a GROUP BY over all ballots.
CREATE TABLE tallies (
    candidate_id    INTEGER PRIMARY KEY REFERENCES candidates (id),
    votes           INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0)
);
