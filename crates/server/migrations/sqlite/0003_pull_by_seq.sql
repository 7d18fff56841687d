-- Pulls walk the records in sequence order (the unique index on seq) and filter as they go,
-- which keeps "the first N visible records after the cursor" cheap and sort-free. The indexes
-- on (opd, seq) and (nip, seq), and testing the kind (the first column of the primary key),
-- tempted the planner into merging index scans and sorting; reference data (units, positions,
-- rules: visible to every account) is now marked by an unindexed column instead.
DROP INDEX IF EXISTS records_opd;
DROP INDEX IF EXISTS records_nip;
ALTER TABLE records ADD COLUMN reference INTEGER NOT NULL DEFAULT 0;
UPDATE records SET reference = 1 WHERE kind IN ('unit', 'position', 'rules');
