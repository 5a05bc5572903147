-- PostgreSQL twin of migrations/sqlite/0004_staff_photos.sql: the same tables, columns, constraints and
-- indexes (BIGINT integers, TIMESTAMPTZ instants, triggers as PL/pgSQL).
-- Departments upload their own photos (from inspection records) for candidates residents
-- did not nominate.
ALTER TABLE photos ADD COLUMN uploaded_by BIGINT REFERENCES staff_accounts (id);
