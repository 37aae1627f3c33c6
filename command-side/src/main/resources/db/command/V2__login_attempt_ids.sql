-- Each login attempt is counted (reserved) before its password is checked, and an attempt that was never
-- checked is handed back: rows need an id. Old rows are purged by failed_at alone, hence its own index.
ALTER TABLE login_failure ADD COLUMN id BIGSERIAL PRIMARY KEY;
CREATE INDEX login_failure_failed_at ON login_failure (failed_at);
