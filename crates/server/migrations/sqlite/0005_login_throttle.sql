-- Login throttling shared by every server process (auth/throttle.rs): one counter per account
-- (`user:<name>`) and per client address group (`addr:<ip or /64>`), in Unix seconds of the
-- database's clock.
CREATE TABLE login_throttle (
    key           TEXT PRIMARY KEY NOT NULL,
    failures      BIGINT NOT NULL,
    last_at       BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL
);
