-- PostgreSQL twin of migrations/sqlite/0008_conflict_resolution.sql: the same tables, columns, constraints and
-- indexes (BIGINT integers, TIMESTAMPTZ instants, triggers as PL/pgSQL).
-- The office resolves a conflicting resend kept in field_sheet_conflicts: it keeps the
-- stored sheet (the conflicting body is dismissed) or the incoming body (stored as a
-- correction, `resolved_sheet`). Either way both bodies stay: nothing is deleted, and a
-- resolution is written once.
ALTER TABLE field_sheet_conflicts ADD COLUMN resolved_at TIMESTAMPTZ;
ALTER TABLE field_sheet_conflicts ADD COLUMN resolved_by BIGINT REFERENCES staff_accounts (id);
ALTER TABLE field_sheet_conflicts ADD COLUMN resolution TEXT CHECK (resolution IN ('stored', 'incoming'));
ALTER TABLE field_sheet_conflicts ADD COLUMN resolution_reason TEXT;
ALTER TABLE field_sheet_conflicts ADD COLUMN resolved_sheet TEXT REFERENCES field_sheets (client_id);

-- Resolved once: a resolved row never changes; a resolution names who, when, which and why.
CREATE TRIGGER field_sheet_conflicts_resolved_once BEFORE UPDATE ON field_sheet_conflicts
FOR EACH ROW WHEN (OLD.resolved_at IS NOT NULL
    OR NEW.body IS DISTINCT FROM OLD.body OR NEW.body_hash IS DISTINCT FROM OLD.body_hash
    OR NEW.client_id IS DISTINCT FROM OLD.client_id
    OR (NEW.resolved_at IS NOT NULL AND (NEW.resolved_by IS NULL OR NEW.resolution IS NULL OR NEW.resolution_reason IS NULL))
    OR (NEW.resolution = 'incoming') <> (NEW.resolved_sheet IS NOT NULL))
EXECUTE FUNCTION pingxuan_abort('a conflict is resolved once, with who, when, which and why');
-- Neither body is ever deleted.
CREATE TRIGGER field_sheet_conflicts_kept BEFORE DELETE ON field_sheet_conflicts
FOR EACH ROW EXECUTE FUNCTION pingxuan_abort('conflicting bodies are kept');
CREATE TRIGGER field_sheets_kept BEFORE DELETE ON field_sheets
FOR EACH ROW EXECUTE FUNCTION pingxuan_abort('synced sheets are kept');
CREATE INDEX field_sheet_conflicts_open ON field_sheet_conflicts (round_id) WHERE resolved_at IS NULL;
