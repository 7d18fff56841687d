-- Accounts, sessions, the sync records with their sequence counter, applied ops, and the
-- append-only audit trail.
CREATE TABLE users (
    id            TEXT PRIMARY KEY NOT NULL,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('employee', 'planner', 'approver', 'admin')),
    nip           TEXT,
    scope         TEXT,           -- JSON of wire::auth::Scope, planners only
    disabled      BIGINT NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,   -- hex SHA-256 of the bearer token
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL,            -- Unix seconds
    created_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- One row: the last sequence number handed out and the dataset generation. Every writing
-- transaction updates this row first, which serialises writers in commit order.
CREATE TABLE sync_state (
    id         BIGINT PRIMARY KEY NOT NULL CHECK (id = 1),
    seq        BIGINT NOT NULL,
    generation BIGINT NOT NULL
);
INSERT INTO sync_state (id, seq, generation) VALUES (1, 0, 0);

CREATE TABLE records (
    kind    TEXT NOT NULL,
    id      TEXT NOT NULL,
    version BIGINT NOT NULL,
    seq     BIGINT NOT NULL UNIQUE,
    opd     TEXT,
    nip     TEXT,
    data    TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX records_opd ON records (opd, seq);
CREATE INDEX records_nip ON records (nip, seq);

CREATE TABLE applied_ops (
    op_id     TEXT PRIMARY KEY NOT NULL,
    user_id   TEXT NOT NULL,
    op_hash   TEXT NOT NULL,
    seq       BIGINT NOT NULL,
    kind      TEXT NOT NULL,
    record_id TEXT NOT NULL,
    version   BIGINT NOT NULL
);

CREATE TABLE audit (
    id      BIGSERIAL PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    role    TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT NOT NULL,
    seq     BIGINT NOT NULL,
    op_id   TEXT NOT NULL,
    reason  TEXT,
    change  TEXT NOT NULL
);
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit is append-only';
END;
$$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
FOR EACH ROW EXECUTE FUNCTION audit_append_only();
