-- Passkeys (WebAuthn) as the second factor and as sign-in without a password (issue 23). One user
-- may have several (named: "laptop kantoor", "telefoon"). The public key and the signature counter
-- are what the server checks; the private key never leaves the person's device.
ALTER TABLE users ADD COLUMN passkey_handle TEXT NULL;

CREATE TABLE passkeys (
    id {identity},
    user_id BIGINT NOT NULL REFERENCES users (id),
    credential_id TEXT NOT NULL UNIQUE,
    public_key TEXT NOT NULL,
    sign_count BIGINT NOT NULL,
    name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_passkeys_user ON passkeys (user_id);

-- The options of a registration or sign-in in progress, taken (deleted) when the answer comes, so
-- an answer can be used once, on any instance, and only within a few minutes.
CREATE TABLE passkey_challenges (
    id TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    user_id BIGINT NULL,
    options_json TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
