-- Rectification (整改): town accounts, and the tasks published results give the towns.
--
-- Town accounts: SQLite cannot change a CHECK constraint, so staff_accounts is rebuilt
-- the documented way (https://www.sqlite.org/lang_altertable.html#otheralter): a new
-- table, the rows copied, the old one dropped, the new one renamed. `Db::connect` runs
-- the migrations on a connection with foreign keys off (step 1 of that procedure) and
-- checks `PRAGMA foreign_key_check` after, so the tables that reference staff_accounts
-- keep pointing at the same ids. The table has no other indexes or triggers.
CREATE TABLE staff_accounts_new (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'department', 'inspector', 'town')),
    category      TEXT    CHECK (category IN ('village', 'ditch', 'road', 'market')),
    password_hash TEXT    NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    -- The town (镇、街道) a town account answers for: one of the domain's towns
    -- (region.rs), checked when the account is made.
    town          TEXT    CHECK (town IS NULL OR length(town) BETWEEN 2 AND 20),
    -- A department account names its category; no other role does.
    CHECK ((role = 'department') = (category IS NOT NULL)),
    -- A town account names its town; no other role does.
    CHECK ((role = 'town') = (town IS NOT NULL))
);
INSERT INTO staff_accounts_new
    (id, username, display_name, role, category, password_hash, active, created_at, updated_at, town)
    SELECT id, username, display_name, role, category, password_hash, active, created_at, updated_at, NULL
    FROM staff_accounts;
DROP TABLE staff_accounts;
ALTER TABLE staff_accounts_new RENAME TO staff_accounts;

-- One task per line of the worst and warned lists of a round (the first version
-- creates them in its transaction; a correction adds, moves or withdraws, never deletes).
-- title … total: the line as published when the task was made.
CREATE TABLE rectification_tasks (
    id               INTEGER PRIMARY KEY,
    round_id         INTEGER NOT NULL REFERENCES rounds (id),
    candidate_id     INTEGER NOT NULL REFERENCES candidates (id),
    category         TEXT    NOT NULL CHECK (category IN ('village', 'ditch', 'road', 'market')),
    town             TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    place_name       TEXT    NOT NULL,
    cover_url        TEXT,
    rank             INTEGER NOT NULL CHECK (rank >= 1),
    total            REAL    NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('rectify', 'reminder')),
    status           TEXT    NOT NULL CHECK (status IN
        ('open', 'submitted', 'verified', 'returned', 'acknowledged', 'withdrawn')),
    -- The results version that made (or last moved) it.
    version          INTEGER NOT NULL,
    due_at           TEXT    NOT NULL,
    withdrawn_reason TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    UNIQUE (round_id, candidate_id),
    -- A reminder is only acknowledged (or withdrawn); nothing is submitted for it.
    CHECK (kind = 'rectify' OR status IN ('open', 'acknowledged', 'withdrawn')),
    CHECK ((status = 'withdrawn') = (withdrawn_reason IS NOT NULL))
);
CREATE INDEX rectification_tasks_town ON rectification_tasks (town, status);
CREATE INDEX rectification_tasks_status ON rectification_tasks (status, due_at);

-- After-photos and a description; a returned submission stays as it was.
CREATE TABLE rectification_submissions (
    id           INTEGER PRIMARY KEY,
    task_id      INTEGER NOT NULL REFERENCES rectification_tasks (id),
    description  TEXT    NOT NULL,
    submitted_by INTEGER NOT NULL REFERENCES staff_accounts (id),
    submitted_at TEXT    NOT NULL
);
CREATE INDEX rectification_submissions_task ON rectification_submissions (task_id);

CREATE TABLE rectification_photos (
    submission_id INTEGER NOT NULL REFERENCES rectification_submissions (id),
    position      INTEGER NOT NULL CHECK (position BETWEEN 0 AND 8),
    photo_id      TEXT    NOT NULL REFERENCES photos (id),
    PRIMARY KEY (submission_id, position),
    UNIQUE (submission_id, photo_id)
);

-- Every change of a task's status: who (none for publication), when, why.
CREATE TABLE rectification_events (
    id          INTEGER PRIMARY KEY,
    task_id     INTEGER NOT NULL REFERENCES rectification_tasks (id),
    action      TEXT    NOT NULL CHECK (action IN
        ('create', 'submit', 'verify', 'return', 'acknowledge', 'withdraw', 'reopen')),
    from_status TEXT,
    to_status   TEXT    NOT NULL,
    account_id  INTEGER REFERENCES staff_accounts (id),
    reason      TEXT,
    at          TEXT    NOT NULL,
    CHECK (action <> 'return' OR reason IS NOT NULL)
);
CREATE INDEX rectification_events_task ON rectification_events (task_id);

-- History is append-only.
CREATE TRIGGER rectification_events_no_update BEFORE UPDATE ON rectification_events
BEGIN SELECT RAISE(ABORT, 'rectification events are append-only'); END;
CREATE TRIGGER rectification_events_no_delete BEFORE DELETE ON rectification_events
BEGIN SELECT RAISE(ABORT, 'rectification events are append-only'); END;
CREATE TRIGGER rectification_submissions_no_update BEFORE UPDATE ON rectification_submissions
BEGIN SELECT RAISE(ABORT, 'rectification submissions are kept as sent'); END;
CREATE TRIGGER rectification_submissions_no_delete BEFORE DELETE ON rectification_submissions
BEGIN SELECT RAISE(ABORT, 'rectification submissions are kept as sent'); END;
CREATE TRIGGER rectification_photos_no_change BEFORE UPDATE ON rectification_photos
BEGIN SELECT RAISE(ABORT, 'rectification photos are kept as sent'); END;
CREATE TRIGGER rectification_photos_no_delete BEFORE DELETE ON rectification_photos
BEGIN SELECT RAISE(ABORT, 'rectification photos are kept as sent'); END;
CREATE TRIGGER rectification_tasks_no_delete BEFORE DELETE ON rectification_tasks
BEGIN SELECT RAISE(ABORT, 'rectification tasks are withdrawn, never deleted'); END;
