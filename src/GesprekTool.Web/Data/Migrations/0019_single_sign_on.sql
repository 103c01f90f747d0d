-- Staff sign-in through the organisation's identity provider (issue 23). An admin links a user to
-- their IdP identity: by the IdP's subject, or by an e-mail address that the IdP vouches for at the
-- first sign-in (then the subject is filled in and is what counts from then on).
CREATE TABLE sso_identities (
    id {identity},
    user_id BIGINT NOT NULL REFERENCES users (id),
    issuer TEXT NOT NULL,
    subject TEXT NULL,
    email TEXT NULL,
    linked_at TIMESTAMPTZ NOT NULL,
    last_sign_in_at TIMESTAMPTZ NULL
);
CREATE UNIQUE INDEX ux_sso_identities_subject ON sso_identities (issuer, subject);
CREATE UNIQUE INDEX ux_sso_identities_user ON sso_identities (user_id);

-- A session started through the IdP remembers the IdP's session id (back-channel logout names it)
-- and the subject, and the id token (protected with the key ring) for the IdP's end-session request.
ALTER TABLE user_sessions ADD COLUMN sso_sid TEXT NULL;
ALTER TABLE user_sessions ADD COLUMN sso_subject TEXT NULL;
ALTER TABLE user_sessions ADD COLUMN sso_id_token TEXT NULL;
