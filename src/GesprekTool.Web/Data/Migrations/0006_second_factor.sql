-- Second factor for staff: a TOTP secret (protected with DataProtection, so a database copy alone
-- does not give the codes), the last time step used (each code works once), and one-time
-- recovery codes stored as SHA-256.
ALTER TABLE users ADD COLUMN totp_secret TEXT NULL;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NULL;

CREATE TABLE recovery_codes (
    id {identity},
    user_id BIGINT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_recovery_codes_user ON recovery_codes (user_id);
