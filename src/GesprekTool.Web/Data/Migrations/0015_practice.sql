-- Practice conversations (oefensessies, issue 11). A practice session holds a real conversation on a
-- practice household (is_practice on both, so nothing of it reaches reports or team figures), the
-- persona card and level the "parent" plays, and who conducts, plays and observes. Nothing is
-- recorded: the observer's taps and ratings are the only trace of how it went.
CREATE TABLE practice_sessions (
    id {identity},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    persona_key TEXT NOT NULL,
    level TEXT NOT NULL,
    rubric_key TEXT NOT NULL,
    planned_by BIGINT NOT NULL REFERENCES users (id),
    conductor_id BIGINT NOT NULL REFERENCES users (id),
    parent_id BIGINT NOT NULL REFERENCES users (id),
    observer_id BIGINT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    started_at TIMESTAMPTZ NULL,
    ended_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_practice_sessions_conversation ON practice_sessions (conversation_id);

-- One tap on the rubric's tally: what, by whom, how far into the practice and in which section of
-- the script the conductor was at that moment.
CREATE TABLE practice_taps (
    id {identity},
    session_id BIGINT NOT NULL REFERENCES practice_sessions (id),
    tally_key TEXT NOT NULL,
    tapped_by BIGINT NOT NULL REFERENCES users (id),
    at TIMESTAMPTZ NOT NULL,
    elapsed_seconds INTEGER NOT NULL,
    section_key TEXT NULL
);
CREATE INDEX ix_practice_taps_session ON practice_taps (session_id, id);

-- A global rating (1-5) per rater; rating again replaces it.
CREATE TABLE practice_ratings (
    session_id BIGINT NOT NULL REFERENCES practice_sessions (id),
    rated_by BIGINT NOT NULL REFERENCES users (id),
    global_key TEXT NOT NULL,
    score INTEGER NOT NULL,
    PRIMARY KEY (session_id, rated_by, global_key)
);

-- Each participant's own note for the debrief.
CREATE TABLE practice_notes (
    session_id BIGINT NOT NULL REFERENCES practice_sessions (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    text TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, author_id)
);
