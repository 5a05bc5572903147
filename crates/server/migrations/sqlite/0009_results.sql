-- Results: the office's exclusions of sheets and ballots, and the published versions of
-- each round's results, each frozen with the open data it was computed from.

-- A sheet or ballot left out of the count, with the reason. Withdrawing one keeps the
-- row (withdrawn_at) so the record stays; one active exclusion per item.
CREATE TABLE result_exclusions (
    id              INTEGER PRIMARY KEY,
    round_id        INTEGER NOT NULL REFERENCES rounds (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('sheet', 'ballot')),
    target_id       INTEGER NOT NULL,
    reason          TEXT    NOT NULL CHECK (length(trim(reason)) >= 2),
    excluded_by     INTEGER NOT NULL REFERENCES staff_accounts (id),
    excluded_at     TEXT    NOT NULL,
    withdrawn_by    INTEGER REFERENCES staff_accounts (id),
    withdrawn_at    TEXT,
    CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
);
CREATE UNIQUE INDEX result_exclusions_one_active
    ON result_exclusions (round_id, kind, target_id) WHERE withdrawn_at IS NULL;

-- A published version: `results` is the domain's ResultsSnapshot as JSON and `sha256`
-- its hash; `open_data` the OpenData document (which embeds the same results). Version 1
-- is the publication, later ones corrections with their reason. Never changed, never
-- removed.
CREATE TABLE result_versions (
    id              INTEGER PRIMARY KEY,
    round_id        INTEGER NOT NULL REFERENCES rounds (id),
    version         INTEGER NOT NULL CHECK (version >= 1),
    reason          TEXT,
    results         TEXT    NOT NULL,
    sha256          TEXT    NOT NULL CHECK (length(sha256) = 64),
    open_data       TEXT    NOT NULL,
    open_data_sha256 TEXT   NOT NULL CHECK (length(open_data_sha256) = 64),
    published_by    INTEGER REFERENCES staff_accounts (id),
    published_at    TEXT    NOT NULL,
    UNIQUE (round_id, version),
    CHECK ((version = 1) = (reason IS NULL))
);
CREATE TRIGGER result_versions_frozen BEFORE UPDATE ON result_versions
BEGIN
    SELECT RAISE(ABORT, 'published results never change');
END;
CREATE TRIGGER result_versions_kept BEFORE DELETE ON result_versions
BEGIN
    SELECT RAISE(ABORT, 'published results are never removed');
END;
