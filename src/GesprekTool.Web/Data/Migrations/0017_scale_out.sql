-- Several app instances behind nginx share this database (docs/operations.md, "Several instances").

-- Unusable join links opened per address, counted by every instance. The address is kept only as
-- its SHA-256 and only for ten minutes: each new failure deletes the rows older than that.
CREATE TABLE join_failures (
    address_sha256 TEXT NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_join_failures_address ON join_failures (address_sha256, failed_at);
CREATE INDEX ix_join_failures_time ON join_failures (failed_at);

-- Which instance runs a scheduled job for a period (the weekly documents of one ISO week): the
-- primary key lets only one claim in. A claim not finished within its lease may be taken over,
-- because the instance that held it may have died mid-run.
CREATE TABLE job_claims (
    job TEXT NOT NULL,
    period TEXT NOT NULL,
    instance TEXT NOT NULL,
    claimed_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NULL,
    PRIMARY KEY (job, period)
);

-- nginx sends every connection of one call, or of one coaching session, to the same instance by
-- hashing this key (never the id: the household's page must not learn which call it is).
ALTER TABLE calls ADD COLUMN route_key TEXT NULL;
ALTER TABLE coaching_sessions ADD COLUMN route_key TEXT NULL;

-- Which instance holds a call's room (the in-memory list of who is connected). The instance a
-- participant connects to claims it; an instance that finds it lost the claim (another instance got
-- the call after a failover or a restart) sends its participants over, so a room is never split.
CREATE TABLE call_room_hosts (
    call_id BIGINT PRIMARY KEY REFERENCES calls (id),
    instance TEXT NOT NULL,
    since TIMESTAMPTZ NOT NULL
);
