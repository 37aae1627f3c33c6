-- Subscriptions as GET /users/{user_id}/subscriptions lists them: one row per (subscriber, creator) pair.
-- subscribed_at = the latest activation; cancelled_at = the latest cancellation while cancelled, else NULL.
-- version = the sequence number of the last applied Subscription event.
CREATE TABLE subscription_view (
    id            UUID        PRIMARY KEY,
    subscriber_id UUID        NOT NULL,
    creator_id    UUID        NOT NULL,
    status        VARCHAR(16) NOT NULL CHECK (status IN ('active', 'cancelled')),
    subscribed_at TIMESTAMPTZ NOT NULL,
    cancelled_at  TIMESTAMPTZ,
    version       BIGINT      NOT NULL,
    CONSTRAINT subscription_view_pair UNIQUE (subscriber_id, creator_id)
);

-- The subscriber's list, newest activation first (id breaks ties), with and without the status filter.
CREATE INDEX subscription_view_subscriber ON subscription_view (subscriber_id, subscribed_at DESC, id);
CREATE INDEX subscription_view_subscriber_status ON subscription_view (subscriber_id, status, subscribed_at DESC, id);
-- A creator's active subscribers.
CREATE INDEX subscription_view_creator ON subscription_view (creator_id, status);
