-- Accounts made from the roster (wire::accounts): a one-time activation code, stored only as
-- an argon2id hash, expiring at a Unix second of the database's clock; an account waiting for
-- its activation has an empty password_hash (no password verifies against it). The last
-- successful login, in Unix seconds, for the admins' account list.
ALTER TABLE users ADD COLUMN activation_hash TEXT;
ALTER TABLE users ADD COLUMN activation_expires BIGINT;
ALTER TABLE users ADD COLUMN last_login BIGINT;
CREATE INDEX users_nip ON users (nip);
