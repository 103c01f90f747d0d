-- NEN 7513: each audit row names the household whose data was read or changed, and the user
-- responsible for that household (its assigned worker at that moment), besides who acted.
-- Names are copied so the log stays readable if a user is renamed.
ALTER TABLE audit_log ADD COLUMN household_id BIGINT NULL;
ALTER TABLE audit_log ADD COLUMN responsible_user_id BIGINT NULL;
ALTER TABLE audit_log ADD COLUMN responsible_user_name TEXT NULL;
CREATE INDEX ix_audit_log_household ON audit_log (household_id, at);
CREATE INDEX ix_audit_log_user ON audit_log (user_id, at);

-- How long audit rows are kept (Audit:RetentionDays, default 5 years). The database itself
-- refuses to delete younger rows, and refuses every UPDATE (see 0008).
CREATE TABLE audit_settings (
    id INTEGER PRIMARY KEY,
    retention_days INTEGER NOT NULL
);
INSERT INTO audit_settings (id, retention_days) VALUES (1, 1827);
