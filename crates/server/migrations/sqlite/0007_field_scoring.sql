-- On-site scoring: score sheet versions and the versions each round pins, inspection
-- teams (work groups, sub-groups, members) and their assigned candidates, synced sheets
-- with the conflicting bodies kept for the office, and evidence photo uploads in chunks.

-- A category's score sheet, one row per version. `content` is the domain's SheetContent
-- as JSON (sections of items, totalling 100; checked before it is written).
CREATE TABLE sheet_versions (
    id          INTEGER PRIMARY KEY,
    category    TEXT    NOT NULL CHECK (category IN ('village', 'ditch', 'road', 'market')),
    version     INTEGER NOT NULL CHECK (version >= 1),
    status      TEXT    NOT NULL CHECK (status IN ('draft', 'approved')),
    content     TEXT    NOT NULL,
    edited_by   INTEGER REFERENCES staff_accounts (id),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    approved_by INTEGER REFERENCES staff_accounts (id),
    approved_at TEXT,
    UNIQUE (category, version),
    CHECK ((status = 'approved') = (approved_at IS NOT NULL))
);
-- One draft per category at a time: a department edits its draft, it does not fork.
CREATE UNIQUE INDEX sheet_versions_one_draft ON sheet_versions (category) WHERE status = 'draft';
-- An approved version is what rounds score with: it never changes and is never removed.
CREATE TRIGGER sheet_versions_approved_frozen BEFORE UPDATE ON sheet_versions
WHEN OLD.status = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'approved sheet versions never change');
END;
CREATE TRIGGER sheet_versions_approved_kept BEFORE DELETE ON sheet_versions
WHEN OLD.status = 'approved'
BEGIN
    SELECT RAISE(ABORT, 'approved sheet versions are never removed');
END;

-- The approved version a round scores each category with.
CREATE TABLE round_sheets (
    round_id    INTEGER NOT NULL REFERENCES rounds (id),
    category    TEXT    NOT NULL CHECK (category IN ('village', 'ditch', 'road', 'market')),
    sheet_id    INTEGER NOT NULL REFERENCES sheet_versions (id),
    pinned_by   INTEGER REFERENCES staff_accounts (id),
    pinned_at   TEXT    NOT NULL,
    PRIMARY KEY (round_id, category)
);
-- Only an approved version of the same category may be pinned.
CREATE TRIGGER round_sheets_approved_insert BEFORE INSERT ON round_sheets
WHEN NOT EXISTS (SELECT 1 FROM sheet_versions s
                 WHERE s.id = NEW.sheet_id AND s.status = 'approved' AND s.category = NEW.category)
BEGIN
    SELECT RAISE(ABORT, 'only an approved version of the category can be pinned');
END;
CREATE TRIGGER round_sheets_approved_update BEFORE UPDATE ON round_sheets
WHEN NOT EXISTS (SELECT 1 FROM sheet_versions s
                 WHERE s.id = NEW.sheet_id AND s.status = 'approved' AND s.category = NEW.category)
BEGIN
    SELECT RAISE(ABORT, 'only an approved version of the category can be pinned');
END;
-- A pin never changes once field scoring runs; a category still without one may get its
-- first during field scoring, never after.
CREATE TRIGGER round_sheets_locked_update BEFORE UPDATE ON round_sheets
WHEN (SELECT phase FROM rounds WHERE id = OLD.round_id) NOT IN ('nomination', 'screening', 'voting')
BEGIN
    SELECT RAISE(ABORT, 'round sheets are locked once field scoring runs');
END;
CREATE TRIGGER round_sheets_locked_delete BEFORE DELETE ON round_sheets
WHEN (SELECT phase FROM rounds WHERE id = OLD.round_id) NOT IN ('nomination', 'screening', 'voting')
BEGIN
    SELECT RAISE(ABORT, 'round sheets are locked once field scoring runs');
END;
CREATE TRIGGER round_sheets_locked_insert BEFORE INSERT ON round_sheets
WHEN (SELECT phase FROM rounds WHERE id = NEW.round_id) IN ('review', 'published')
BEGIN
    SELECT RAISE(ABORT, 'round sheets are locked once field scoring runs');
END;

-- 现场核查评定工作组, per round.
CREATE TABLE work_groups (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES rounds (id),
    name        TEXT    NOT NULL,
    leader_name TEXT    NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX work_groups_round ON work_groups (round_id, position);

CREATE TABLE sub_groups (
    id              INTEGER PRIMARY KEY,
    -- The round again, so that membership can be unique per round.
    round_id        INTEGER NOT NULL REFERENCES rounds (id),
    work_group_id   INTEGER NOT NULL REFERENCES work_groups (id),
    name            TEXT    NOT NULL,
    position        INTEGER NOT NULL,
    created_at      TEXT    NOT NULL
);
CREATE INDEX sub_groups_work_group ON sub_groups (work_group_id, position);

CREATE TABLE sub_group_members (
    sub_group_id    INTEGER NOT NULL REFERENCES sub_groups (id) ON DELETE CASCADE,
    round_id        INTEGER NOT NULL REFERENCES rounds (id),
    account_id      INTEGER NOT NULL REFERENCES staff_accounts (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('department_staff', 'npc_deputy', 'cppcc_member', 'specialist')),
    leader          BOOLEAN NOT NULL DEFAULT FALSE,
    position        INTEGER NOT NULL,
    PRIMARY KEY (sub_group_id, account_id),
    -- An inspector is in one sub-group per round: "my sub-group" is well defined.
    UNIQUE (round_id, account_id)
);
-- One leader per sub-group.
CREATE UNIQUE INDEX sub_group_members_one_leader ON sub_group_members (sub_group_id) WHERE leader;

-- Candidates a sub-group scores; a candidate may be in several sub-groups.
CREATE TABLE assignments (
    sub_group_id    INTEGER NOT NULL REFERENCES sub_groups (id) ON DELETE CASCADE,
    candidate_id    INTEGER NOT NULL REFERENCES candidates (id),
    position        INTEGER NOT NULL,
    UNIQUE (sub_group_id, candidate_id)
);
CREATE INDEX assignments_candidate ON assignments (candidate_id);

-- A finalised sheet as synced from a phone. `client_id` is the phone's UUID: the same
-- sheet sent twice is one row. `body` is the canonical JSON of the submission and
-- `body_hash` its SHA-256 (with the round), to tell a resend from a different body.
CREATE TABLE field_sheets (
    id              INTEGER PRIMARY KEY,
    client_id       TEXT    NOT NULL UNIQUE,
    round_id        INTEGER NOT NULL REFERENCES rounds (id),
    candidate_id    INTEGER NOT NULL REFERENCES candidates (id),
    sub_group_id    INTEGER NOT NULL REFERENCES sub_groups (id),
    account_id      INTEGER NOT NULL REFERENCES staff_accounts (id),
    sheet_id        INTEGER NOT NULL REFERENCES sheet_versions (id),
    body            TEXT    NOT NULL,
    body_hash       TEXT    NOT NULL,
    total           INTEGER NOT NULL CHECK (total BETWEEN 0 AND 100),
    filled_at       TEXT    NOT NULL,
    received_at     TEXT    NOT NULL,
    -- The client id of the sheet this one corrects (which may arrive later). A sheet is
    -- corrected at most once; a second correction corrects the first.
    replaces        TEXT    UNIQUE CHECK (replaces <> client_id)
);
CREATE INDEX field_sheets_candidate ON field_sheets (round_id, candidate_id);
CREATE INDEX field_sheets_sub_group ON field_sheets (sub_group_id);

-- A different body that arrived under a client id already stored: kept for the office,
-- never applied. The same conflicting body sent again is one row.
CREATE TABLE field_sheet_conflicts (
    id              INTEGER PRIMARY KEY,
    client_id       TEXT    NOT NULL REFERENCES field_sheets (client_id),
    round_id        INTEGER NOT NULL REFERENCES rounds (id),
    account_id      INTEGER NOT NULL REFERENCES staff_accounts (id),
    body            TEXT    NOT NULL,
    body_hash       TEXT    NOT NULL,
    received_at     TEXT    NOT NULL,
    UNIQUE (client_id, body_hash)
);

-- An evidence photo arriving in chunks. `id` is the phone's UUID. `received` is how many
-- bytes are stored; a chunk is stored with the conditional update that moves it, so a
-- dropped connection loses at most the chunk in flight. When the last byte arrives the
-- hash is checked and the photo pipeline runs; `photo_id` is then set and the chunks go.
CREATE TABLE evidence_uploads (
    id              TEXT    PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES staff_accounts (id),
    size            INTEGER NOT NULL CHECK (size BETWEEN 1 AND 10485760),
    sha256          TEXT    NOT NULL CHECK (length(sha256) = 64),
    received        INTEGER NOT NULL DEFAULT 0 CHECK (received BETWEEN 0 AND size),
    photo_id        TEXT    REFERENCES photos (id),
    created_at      TEXT    NOT NULL,
    completed_at    TEXT
);

CREATE TABLE evidence_chunks (
    upload_id       TEXT    NOT NULL REFERENCES evidence_uploads (id) ON DELETE CASCADE,
    start           INTEGER NOT NULL,
    data            BLOB    NOT NULL,
    PRIMARY KEY (upload_id, start)
) WITHOUT ROWID;
