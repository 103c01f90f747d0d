-- Phone calls from the browser over SIP (issue 22). The household's phone number is its own field,
-- kept in international form (+31612345678) so the app can check it against the dialling rules; the
-- older free-text contact detail stays as it was.
ALTER TABLE households ADD COLUMN phone_number TEXT NULL;

-- One row per dialling attempt from a conversation: moments and an outcome, never what was said.
-- The Janus token lets this worker's browser reach Janus's SIP plugin for this one call only; the
-- number dialled is the household's at the time of dialling, so the proxy can hold the call to it.
CREATE TABLE phone_calls (
    id {identity},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    household_id BIGINT NOT NULL REFERENCES households (id),
    worker_id BIGINT NOT NULL REFERENCES users (id),
    dialled_number TEXT NOT NULL,
    janus_token TEXT NOT NULL UNIQUE,
    started_at TIMESTAMPTZ NOT NULL,
    ringing_at TIMESTAMPTZ NULL,
    answered_at TIMESTAMPTZ NULL,
    ended_at TIMESTAMPTZ NULL,
    outcome TEXT NULL
);
CREATE INDEX ix_phone_calls_conversation ON phone_calls (conversation_id, started_at);
