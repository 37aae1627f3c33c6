-- Per user, the earliest issue time (iat, whole seconds) of an access token that is still accepted: raised by a
-- password change (dev.platform.infra.security.TokenCutoffTable), read by every process that authenticates
-- requests (command side, query side, notification side: all against this one database). A user without a row
-- has no cutoff.
--
-- seq grows with every change; writers take one advisory lock before they draw it, so changes commit in seq order
-- and a node that has read up to seq n has seen every change up to n (RevokedTokens polls "seq > n").
CREATE SEQUENCE token_not_before_seq;
CREATE TABLE token_not_before (
    user_id    UUID        PRIMARY KEY,
    not_before TIMESTAMPTZ NOT NULL,
    seq        BIGINT      NOT NULL
);
CREATE INDEX token_not_before_seq_index ON token_not_before (seq);
-- The start-up load: the cutoffs of the last token lifetime.
CREATE INDEX token_not_before_recent ON token_not_before (not_before);
