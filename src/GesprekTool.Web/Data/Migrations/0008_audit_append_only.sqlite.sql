-- The audit log is append-only: no UPDATE ever, DELETE only for rows past the retention period.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_delete_only_expired BEFORE DELETE ON audit_log
WHEN julianday(substr(OLD.at, 1, 19)) >= julianday('now') - (SELECT retention_days FROM audit_settings WHERE id = 1)
BEGIN
    SELECT RAISE(ABORT, 'audit_log rows are kept for the retention period');
END;
