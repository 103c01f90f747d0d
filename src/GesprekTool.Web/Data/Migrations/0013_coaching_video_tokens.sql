-- The Janus tokens the app handed out, per coaching session and holder ("user:12", "gast:3"). In the
-- database rather than in one process's memory, so that the app removes them from Janus when the
-- session ends or the holder is removed, also after a restart or from another instance.
CREATE TABLE coaching_video_tokens (
    token TEXT PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES coaching_sessions (id),
    holder TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_coaching_video_tokens_session ON coaching_video_tokens (session_id, holder);
