-- Posts waiting for their scheduled publication, one row per scheduled post, kept by the subscribing processor
-- "post-schedule" in the transaction that stores the post's PostScheduled, PostUnscheduled or PostPublished
-- event (so a row exists exactly while its post is scheduled). Every command-side node polls the due rows
-- (ScheduledPublications): a node leases a row (lease_until) with FOR UPDATE SKIP LOCKED, sends
-- PublishScheduledPost, and the post publishes itself only while it is still scheduled for that very instant.
-- A lease that runs out (a node died) lets another node fire the row again: at least once here, once in effect.
CREATE TABLE scheduled_publication (
    post_id     UUID        PRIMARY KEY,
    publish_at  TIMESTAMPTZ NOT NULL,
    lease_until TIMESTAMPTZ,
    attempts    INTEGER     NOT NULL DEFAULT 0
);

CREATE INDEX scheduled_publication_due ON scheduled_publication (publish_at);
