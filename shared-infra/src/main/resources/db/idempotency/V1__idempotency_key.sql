-- Idempotency-Key on the creating POSTs (docs/api.md, "Idempotent requests"): one row per (scope, key). A row is
-- claimed (claim_token, claimed_until: the lease) while its first request runs, and holds that request's answer
-- once it succeeded (status, headers, body). Rows live until expires_at; IdempotencyKeyPurge deletes them then.
CREATE TABLE idempotency_key (
    scope           VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    route           VARCHAR(32)  NOT NULL,
    request_hash    BYTEA        NOT NULL,
    claim_token     UUID,
    claimed_until   TIMESTAMPTZ,
    status          INTEGER,
    headers         TEXT,
    body            BYTEA,
    created_at      TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, idempotency_key),
    CONSTRAINT idempotency_key_claimed_or_answered CHECK ((claim_token IS NULL) = (status IS NOT NULL))
);

CREATE INDEX idempotency_key_expires_at ON idempotency_key (expires_at);
