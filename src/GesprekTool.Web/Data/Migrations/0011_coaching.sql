-- Peer coaching (intervisie) run by a trainer. Sessions are never recorded: a session row holds its
-- plan, the step it is in and since when; what participants type is text they chose to share.
CREATE TABLE coaching_sessions (
    id {identity},
    title TEXT NOT NULL,
    method_key TEXT NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    trainer_id BIGINT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL,
    current_step INTEGER NOT NULL DEFAULT 0,
    step_started_at TIMESTAMPTZ NULL,
    video_room BIGINT NULL,
    video_room_secret TEXT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    opened_at TIMESTAMPTZ NULL,
    ended_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_coaching_sessions_starts ON coaching_sessions (starts_at);

-- Who is invited, their role in the session, and a raised hand (ordered by when it went up).
CREATE TABLE coaching_participants (
    session_id BIGINT NOT NULL REFERENCES coaching_sessions (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    hand_raised_at TIMESTAMPTZ NULL,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX ix_coaching_participants_user ON coaching_participants (user_id);

-- Cases, questions, advice and agreements typed in a step. Hidden from the others until the chair
-- reveals the step; agreements are the participants' action points (done_at when ticked off).
CREATE TABLE coaching_contributions (
    id {identity},
    session_id BIGINT NOT NULL REFERENCES coaching_sessions (id),
    step_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    text TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revealed_at TIMESTAMPTZ NULL,
    done_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_coaching_contributions_session ON coaching_contributions (session_id, step_key);
CREATE INDEX ix_coaching_contributions_user ON coaching_contributions (user_id, kind);

-- Live polls. Answers are kept as counts per answer, never per person: coaching_poll_voters says
-- only who has answered (one answer each), not what.
CREATE TABLE coaching_polls (
    id {identity},
    session_id BIGINT NOT NULL REFERENCES coaching_sessions (id),
    kind TEXT NOT NULL,
    question TEXT NOT NULL,
    options TEXT NOT NULL,
    opened_at TIMESTAMPTZ NOT NULL,
    closed_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_coaching_polls_session ON coaching_polls (session_id);
CREATE TABLE coaching_poll_counts (
    poll_id BIGINT NOT NULL REFERENCES coaching_polls (id),
    answer TEXT NOT NULL,
    answers INTEGER NOT NULL,
    PRIMARY KEY (poll_id, answer)
);
CREATE TABLE coaching_poll_voters (
    poll_id BIGINT NOT NULL REFERENCES coaching_polls (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (poll_id, user_id)
);

-- The closing evaluation: a score and one sentence, without who gave them.
CREATE TABLE coaching_evaluations (
    session_id BIGINT NOT NULL REFERENCES coaching_sessions (id),
    score INTEGER NOT NULL,
    sentence TEXT NOT NULL
);
CREATE TABLE coaching_evaluators (
    session_id BIGINT NOT NULL REFERENCES coaching_sessions (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (session_id, user_id)
);

-- Tips offered in a session wait for a coordinator's approval before the newsletter uses them.
ALTER TABLE newsletter_tips ADD COLUMN approved_at TIMESTAMPTZ NULL;
UPDATE newsletter_tips SET approved_at = updated_at;
