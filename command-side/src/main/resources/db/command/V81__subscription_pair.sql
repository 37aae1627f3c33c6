-- The active subscriptions by subscriber and by creator (issue 16, erasure): an erased person's subscriptions, and
-- the subscriptions to them, are ended by ErasedSubscriptions, which finds them here. Kept by the subscribing
-- processor "subscription-pairs" in the transaction that stores the subscription's event.
CREATE TABLE subscription_pair (
    subscriber_id UUID NOT NULL,
    creator_id    UUID NOT NULL,
    PRIMARY KEY (subscriber_id, creator_id)
);
CREATE INDEX subscription_pair_creator ON subscription_pair (creator_id);

-- Subscriptions stored before this table existed: active when the latest event of the subscription is a start.
INSERT INTO subscription_pair (subscriber_id, creator_id)
SELECT (convert_from(latest.payload, 'UTF8')::jsonb ->> 'subscriberId')::uuid,
       (convert_from(latest.payload, 'UTF8')::jsonb ->> 'creatorId')::uuid
FROM (
    SELECT DISTINCT ON (aggregate_identifier) payload_type, payload
    FROM domain_event_entry
    WHERE payload_type IN ('dev.platform.api.subscription.SubscriptionStarted',
                           'dev.platform.api.subscription.SubscriptionCancelled')
    ORDER BY aggregate_identifier, sequence_number DESC
) latest
WHERE latest.payload_type = 'dev.platform.api.subscription.SubscriptionStarted'
ON CONFLICT DO NOTHING;
