-- The e-mail rate of the whole platform (platform.notifications.rate-per-second): one token bucket that every node
-- takes its e-mails' tokens from, a few at a time (SharedRateBucket, PlatformRate). The tokens left and the time
-- they were counted at, by the database's clock, so that the nodes' clocks do not matter; granted is what the last
-- take got (the statement answers it). It starts empty: a new installation has no burst to spend.
CREATE TABLE notification_rate_bucket (
    name        text             PRIMARY KEY,
    tokens      double precision NOT NULL,
    refilled_at timestamptz      NOT NULL,
    granted     integer          NOT NULL DEFAULT 0
);

INSERT INTO notification_rate_bucket (name, tokens, refilled_at) VALUES ('email', 0, now());
