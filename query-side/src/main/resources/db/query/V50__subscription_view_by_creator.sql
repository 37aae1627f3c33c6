-- A creator's active subscribers, newest activation first (id breaks ties), for GET
-- /creators/{creator_id}/subscribers and its count: the walk of one index, with the subscriber in it. It covers the
-- earlier (creator_id, status) index, which goes.
CREATE INDEX subscription_view_creator_active
    ON subscription_view (creator_id, status, subscribed_at DESC, id) INCLUDE (subscriber_id);
DROP INDEX subscription_view_creator;
