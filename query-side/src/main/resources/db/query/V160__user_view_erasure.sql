-- Erasure (issue 16, docs/audit.md): an erased person's row keeps their id, role and dates but no e-mail, username
-- or bio; GET /users/{id} answers 404 for it. A rebuild reads their personal fields as null (the key is gone).
ALTER TABLE user_view ALTER COLUMN email DROP NOT NULL;
ALTER TABLE user_view ALTER COLUMN username DROP NOT NULL;
ALTER TABLE user_view ADD COLUMN erased_at TIMESTAMPTZ;
