-- PostgreSQL twin of migrations/sqlite/0010_ballot_snapshots.sql: the same tables, columns, constraints and
-- indexes (BIGINT integers, TIMESTAMPTZ instants, triggers as PL/pgSQL).
-- The ballot box's daily fingerprints while voting runs (domain: ballot_snapshot.rs):
-- per category the number of ballots and a SHA-256 over them, each snapshot chained to
-- the one before. (round_id, seq) is the key, so two servers never take the same one
-- twice. Published snapshots never change and are never removed.
CREATE TABLE ballot_snapshots (
    round_id        BIGINT NOT NULL REFERENCES rounds (id),
    seq             BIGINT NOT NULL CHECK (seq >= 1),
    taken_at        TIMESTAMPTZ    NOT NULL,
    last            BOOLEAN NOT NULL,
    -- JSON: [{category, count, sha256}] in the order of Category::ALL.
    categories      TEXT    NOT NULL,
    previous        TEXT    CHECK (previous IS NULL OR length(previous) = 64),
    chain           TEXT    NOT NULL CHECK (length(chain) = 64),
    PRIMARY KEY (round_id, seq),
    CHECK ((seq = 1) = (previous IS NULL))
);

CREATE TRIGGER ballot_snapshots_never_change BEFORE UPDATE ON ballot_snapshots
FOR EACH ROW EXECUTE FUNCTION pingxuan_abort('published ballot snapshots never change');

CREATE TRIGGER ballot_snapshots_are_kept BEFORE DELETE ON ballot_snapshots
FOR EACH ROW EXECUTE FUNCTION pingxuan_abort('published ballot snapshots are kept');
