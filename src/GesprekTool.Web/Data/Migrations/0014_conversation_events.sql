-- Paradata of conversations (issue 11): when the worker opened and left each section of the script,
-- and when a call dropped and came back. Moments and section keys only, never content: trainers get
-- figures about how conversations go without anyone typing them and without recording anything.
CREATE TABLE conversation_events (
    id {identity},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    kind TEXT NOT NULL,
    section_key TEXT NULL,
    at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_conversation_events_conversation ON conversation_events (conversation_id, at);
