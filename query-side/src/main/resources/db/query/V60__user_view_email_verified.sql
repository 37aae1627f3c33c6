-- Whether the account's address was verified through a link sent to it (EmailVerified); shown to its owner.
ALTER TABLE user_view ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE;
