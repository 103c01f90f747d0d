-- A conversation the worker marks confidential is never quoted anywhere, not even to colleagues.
-- (confidentiality_stated is the promise made at the start of every conversation; this is more.)
ALTER TABLE conversations ADD COLUMN is_confidential BOOLEAN NOT NULL DEFAULT FALSE;

-- One row per attempt to build a week's documents, by the Monday job or on a coordinator's request.
CREATE TABLE weekly_report_runs (
    id {identity},
    iso_year INTEGER NOT NULL,
    iso_week INTEGER NOT NULL,
    status TEXT NOT NULL,
    requested_by BIGINT NULL REFERENCES users (id),
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NULL,
    error TEXT NULL
);
CREATE INDEX ix_weekly_report_runs_week ON weekly_report_runs (iso_year, iso_week);

-- The PDFs themselves live in the database, so a backup of the database is a backup of the reports.
CREATE TABLE weekly_documents (
    id {identity},
    run_id BIGINT NOT NULL REFERENCES weekly_report_runs (id),
    iso_year INTEGER NOT NULL,
    iso_week INTEGER NOT NULL,
    kind TEXT NOT NULL,
    school_id BIGINT NULL REFERENCES schools (id),
    title TEXT NOT NULL,
    file_name TEXT NOT NULL,
    pdf BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_weekly_documents_week ON weekly_documents (iso_year, iso_week);

-- Video-calling tips for the colleagues' newsletter, kept by coordinators and trainers.
CREATE TABLE newsletter_tips (
    id {identity},
    text TEXT NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users (id),
    updated_at TIMESTAMPTZ NOT NULL
);
