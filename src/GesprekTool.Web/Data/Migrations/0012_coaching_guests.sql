-- An external guest trainer in a coaching session, invited by link by the session's trainer. The
-- database keeps only the SHA-256 of the link's token and of the key the guest's browser keeps
-- (a cookie), so a copied link does not work on a second device. The guest waits until the trainer
-- lets them in; the trainer can refuse them or withdraw the link.
CREATE TABLE coaching_guests (
    id {identity},
    session_id BIGINT NOT NULL REFERENCES coaching_sessions (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    name TEXT NULL,
    device_hash TEXT NULL,
    knocked_at TIMESTAMPTZ NULL,
    admitted_at TIMESTAMPTZ NULL,
    refused_at TIMESTAMPTZ NULL,
    revoked_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_coaching_guests_session ON coaching_guests (session_id);
