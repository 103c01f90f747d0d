-- Numbered migrations run once each, in order, inside a transaction, on SQLite and PostgreSQL.
-- {identity} becomes the engine's auto-numbered primary key; everything else is portable SQL.
-- Instants are stored in UTC; dates of conversations are plain calendar dates (Europe/Amsterdam).

CREATE TABLE users (
    id {identity},
    user_name TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMPTZ NULL,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE user_roles (
    user_id BIGINT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE schools (
    id {identity},
    name TEXT NOT NULL UNIQUE,
    is_active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE households (
    id {identity},
    display_name TEXT NOT NULL,
    contact_channel TEXT NOT NULL,
    contact_detail TEXT NULL,
    home_language TEXT NOT NULL,
    status TEXT NOT NULL,
    assigned_worker_id BIGINT NOT NULL REFERENCES users (id),
    notes TEXT NULL,
    is_practice BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_households_worker ON households (assigned_worker_id);

-- Every version of a questionnaire ever used, so old conversations stay readable when the file changes.
CREATE TABLE questionnaire_versions (
    questionnaire_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    first_loaded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (questionnaire_id, version)
);

CREATE TABLE conversations (
    id {identity},
    household_id BIGINT NOT NULL REFERENCES households (id),
    worker_id BIGINT NOT NULL REFERENCES users (id),
    questionnaire_id TEXT NOT NULL,
    questionnaire_version INTEGER NOT NULL,
    mode TEXT NOT NULL,
    held_on DATE NOT NULL,
    confidentiality_stated BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    callback_wanted BOOLEAN NULL,
    callback_on DATE NULL,
    callback_note TEXT NULL,
    is_practice BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NULL,
    FOREIGN KEY (questionnaire_id, questionnaire_version) REFERENCES questionnaire_versions (questionnaire_id, version)
);
CREATE INDEX ix_conversations_household ON conversations (household_id, held_on);

-- One row per saved answer. A correction is a new row with the next revision; the row with the
-- highest revision is the current answer. client_stamp orders edits by when they were typed, so a
-- slow, older save that arrives late never replaces a newer one.
CREATE TABLE answers (
    id {identity},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    question_key TEXT NOT NULL,
    questionnaire_version INTEGER NOT NULL,
    value TEXT NULL,
    revision INTEGER NOT NULL,
    answered_by BIGINT NOT NULL REFERENCES users (id),
    answered_at TIMESTAMPTZ NOT NULL,
    client_stamp BIGINT NOT NULL,
    is_shareable BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (conversation_id, question_key, revision)
);

CREATE TABLE follow_up_actions (
    id {identity},
    conversation_id BIGINT NOT NULL REFERENCES conversations (id),
    kind TEXT NOT NULL,
    note TEXT NULL,
    status TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_follow_up_actions_conversation ON follow_up_actions (conversation_id);

CREATE TABLE audit_log (
    id {identity},
    at TIMESTAMPTZ NOT NULL,
    user_id BIGINT NULL,
    user_name TEXT NULL,
    action TEXT NOT NULL,
    subject_type TEXT NULL,
    subject_id BIGINT NULL,
    detail TEXT NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
