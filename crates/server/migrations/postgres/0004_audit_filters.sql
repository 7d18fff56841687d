-- The mutation workflow's audit filters: the employee a change concerns and the OPD it touches
-- (`|A|B|`, matched with LIKE). Earlier entries keep NULL (the trail is append-only).
ALTER TABLE audit ADD COLUMN nip TEXT;
ALTER TABLE audit ADD COLUMN opd TEXT;
