-- Department screening: rejected nominations and each category's shortlist.

ALTER TABLE nominations ADD COLUMN rejected_reason TEXT;
ALTER TABLE nominations ADD COLUMN rejected_by INTEGER REFERENCES staff_accounts (id);
ALTER TABLE nominations ADD COLUMN rejected_at TEXT;

CREATE TABLE candidates (
    id                  INTEGER PRIMARY KEY,
    round_id            INTEGER NOT NULL REFERENCES rounds (id),
    category            TEXT    NOT NULL CHECK (category IN ('village', 'ditch', 'road', 'market')),
    place_id            INTEGER NOT NULL REFERENCES places (id),
    title               TEXT    NOT NULL,
    description         TEXT    NOT NULL,
    cover_photo_id      TEXT    REFERENCES photos (id),
    -- Set when the department added a place residents did not nominate.
    department_reason   TEXT,
    position            INTEGER NOT NULL,
    created_at          TEXT    NOT NULL,
    -- A place is shortlisted once per round; positions are a strict order.
    UNIQUE (round_id, category, place_id),
    UNIQUE (round_id, category, position)
);
