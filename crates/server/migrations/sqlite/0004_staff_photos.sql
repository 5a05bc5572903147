-- Departments upload their own photos (from inspection records) for candidates residents
-- did not nominate.
ALTER TABLE photos ADD COLUMN uploaded_by INTEGER REFERENCES staff_accounts (id);
