-- PostgreSQL twin of migrations/sqlite/0006_voided_ballots.sql: the same tables, columns, constraints and
-- indexes (BIGINT integers, TIMESTAMPTZ instants, triggers as PL/pgSQL).
-- The voting page counts voided ballots on every view: a partial index makes that count
-- read only the (few) voided rows instead of every ballot of the category.
CREATE INDEX ballots_voided ON ballots (round_id, category) WHERE voided_at IS NOT NULL;
