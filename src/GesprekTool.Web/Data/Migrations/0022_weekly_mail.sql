-- Who receives the weekly documents (issue 24): a school's care coordinators, the municipality's
-- addresses, the colleagues' distribution address. Professional addresses, never a family's.
-- A removed address keeps its row (removed_at), so the record of what was sent to it stays readable.
CREATE TABLE mail_recipients (
    id {identity},
    kind TEXT NOT NULL,
    school_id BIGINT NULL REFERENCES schools (id),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    added_by BIGINT NOT NULL REFERENCES users (id),
    added_at TIMESTAMPTZ NOT NULL,
    removed_at TIMESTAMPTZ NULL
);
CREATE INDEX ix_mail_recipients_kind ON mail_recipients (kind, school_id);

-- The document's headline figures as printed in it (JSON), kept with the PDF so the mail's body
-- says what the attachment says, even when later answers change the week's figures.
ALTER TABLE weekly_documents ADD COLUMN headlines TEXT NULL;

-- One row per message: a document to one recipient. The row is the job's state: queued, being
-- sent by one instance (claimed_by), sent with the server's answer, refused for good (5xx),
-- uncertain (its instance died mid-send: never sent again by itself), or given up after retries.
-- copy 0 is the week's sending; a resend after a correction is copy 1, 2, ... The unique key makes
-- "Versturen" pressed twice, or on two instances, queue each message once.
CREATE TABLE weekly_mail_messages (
    id {identity},
    document_id BIGINT NOT NULL REFERENCES weekly_documents (id),
    recipient_id BIGINT NOT NULL REFERENCES mail_recipients (id),
    copy INTEGER NOT NULL,
    address TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_by TEXT NULL,
    claimed_at TIMESTAMPTZ NULL,
    answer TEXT NULL,
    requested_by BIGINT NULL REFERENCES users (id),
    requested_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ NULL,
    UNIQUE (document_id, recipient_id, copy)
);
CREATE INDEX ix_weekly_mail_messages_due ON weekly_mail_messages (status, next_attempt_at);

-- The organisation's choice to send a checked week by itself on Monday at an hour (off by default).
CREATE TABLE weekly_mail_settings (
    id INTEGER PRIMARY KEY,
    auto_send BOOLEAN NOT NULL,
    auto_send_hour INTEGER NOT NULL,
    updated_by BIGINT NULL REFERENCES users (id),
    updated_at TIMESTAMPTZ NULL
);
INSERT INTO weekly_mail_settings (id, auto_send, auto_send_hour) VALUES (1, FALSE, 9);
