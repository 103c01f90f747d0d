-- Per-worker conversation figures for trainers are a staff monitoring system (WOR art. 27(1)(l): the
-- works council must consent). Off until an admin switches them on; every switch is kept, with who
-- did it, when and the works council's consent it refers to. The latest row is the current setting.
CREATE TABLE per_worker_figures_changes (
    id {identity},
    enabled BOOLEAN NOT NULL,
    changed_by BIGINT NOT NULL REFERENCES users (id),
    changed_at TIMESTAMPTZ NOT NULL,
    consent_reference TEXT NULL
);
