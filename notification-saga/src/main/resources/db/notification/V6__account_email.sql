-- Account e-mails (issue 15): one row per e-mail ever asked for, sent through the same work queue and workers as
-- new-post e-mails but kept apart from their ledger, so they never count in a post's statistics. The unique key
-- makes a redelivered event (the same request of the same user) a no-op. No token is stored: the worker signs it
-- when it writes the e-mail. The address is read from notification_user at that moment.
CREATE TABLE account_email (
    id              UUID PRIMARY KEY,
    user_id         UUID        NOT NULL,
    kind            TEXT        NOT NULL,
    request_no      INT         NOT NULL,
    status          TEXT        NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    first_failed_at TIMESTAMPTZ,
    lease_until     TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (user_id, kind, request_no)
);

-- The publisher's poll: only the few open rows are indexed.
CREATE INDEX account_email_open ON account_email (status) WHERE status IN ('selected', 'queued', 'sending', 'retrying');
