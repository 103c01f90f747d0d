-- Video calls beside a conversation. No media and no recording are stored: a call row only says
-- who started it and when it ended; media flows between the browsers (or through TURN).
CREATE TABLE calls (
    id {identity},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    started_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_calls_conversation ON calls (conversation_id);

-- Join links for guests (the household, an interpreter). Only the SHA-256 of the token is kept,
-- so a copy of the database does not let anyone into a call. A link carries no personal data.
CREATE TABLE call_links (
    id {identity},
    call_id BIGINT NOT NULL REFERENCES calls (id),
    role TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ NULL,
    admitted_at TIMESTAMPTZ NULL,
    declined_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_call_links_call ON call_links (call_id);
