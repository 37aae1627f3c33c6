-- Crypto-shredding (issue 16, docs/audit.md): one AES-256 key per user. The personal fields of user events
-- (e-mail, username, bio) are stored encrypted with it; erasing the person sets secret to NULL (the row stays as
-- a tombstone, so no key is ever made again for them and every process knows they are erased). Every process
-- reads events, so every process reads this table: it lives with the event store's tables.
CREATE TABLE personal_data_key (
    user_id    UUID        PRIMARY KEY,
    key_id     VARCHAR(32) NOT NULL,
    secret     BYTEA,
    created_at TIMESTAMPTZ NOT NULL,
    erased_at  TIMESTAMPTZ,
    erased_by  UUID,
    CONSTRAINT personal_data_key_erased_has_no_secret CHECK ((secret IS NULL) = (erased_at IS NOT NULL))
);

-- The one-time rewrite of events stored in clear before encryption (PersonalDataMigration): how far it got.
CREATE TABLE personal_data_migration (
    id          INT         PRIMARY KEY,
    finished_at TIMESTAMPTZ,
    rewritten   BIGINT      NOT NULL
);
