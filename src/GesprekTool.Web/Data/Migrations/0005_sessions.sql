-- Sign-in sessions kept on the server: the cookie carries only a random session token (stored
-- here as its SHA-256) and the user's security stamp; every request checks the row, so sign-out,
-- a password or role change, deactivation or an admin's "end session" stop a copied cookie.
ALTER TABLE users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';

CREATE TABLE user_sessions (
    id {identity},
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users (id),
    -- 'full' once signed in; 'second_factor' while the code is asked; 'enrolment' while a
    -- required second factor is being set up.
    stage TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ NULL,
    ended_reason TEXT NULL,
    user_agent TEXT NULL,
    ip_address TEXT NULL
);
CREATE INDEX ix_user_sessions_user ON user_sessions (user_id, ended_at);
