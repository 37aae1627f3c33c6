-- Erasure (issue 16, docs/audit.md): an erased person's copy keeps no address, and is marked so that no e-mail of
-- any kind is claimed for them again (the workers also check personal_data_key before each send).
ALTER TABLE notification_user ALTER COLUMN email DROP NOT NULL;
ALTER TABLE notification_user ADD COLUMN erased BOOLEAN NOT NULL DEFAULT FALSE;
