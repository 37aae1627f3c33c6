-- Seeds :n readers (addresses :'prefix'-<i>@example.com) subscribed to the creator :'creator' by appending
-- the aggregates would have (UserRegistered, SubscriptionStarted): the running application projects them like
-- any other events. It skips 10,000 password hashes and HTTP round trips that are not what is measured.
CREATE TEMP TABLE bench_reader AS
SELECT gen_random_uuid() AS id, gen_random_uuid() AS subscription, i FROM generate_series(1, :n) AS i;

-- Readers of long standing: their address-verification e-mail (issue 15) went out long ago. Recorded as sent
-- before their events are appended, so the audience's request for it finds it and nothing is sent now: the run
-- measures new-post e-mails, not 10,000 verification e-mails in front of them.
INSERT INTO account_email (id, user_id, kind, request_no, status, created_at)
SELECT gen_random_uuid(), id, 'verify-email', 1, 'sent', now() FROM bench_reader;

INSERT INTO domain_event_entry
    (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data)
SELECT gen_random_uuid()::text, id::text, 0, 'User', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       'dev.platform.api.user.UserRegistered',
       convert_to(json_build_object('userId', id, 'email', :'prefix' || '-' || i || '@example.com', 'username', :'prefix' || '_' || i,
                                    'role', 'reader', 'registeredAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'UTF8'),
       convert_to('{"requestId":"bench-seed"}', 'UTF8')
FROM bench_reader;

INSERT INTO domain_event_entry
    (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data)
SELECT gen_random_uuid()::text, subscription::text, 0, 'Subscription', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       'dev.platform.api.subscription.SubscriptionStarted',
       convert_to(json_build_object('subscriptionId', subscription, 'subscriberId', id, 'creatorId', :'creator',
                                    'startedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'UTF8'),
       convert_to('{"requestId":"bench-seed"}', 'UTF8')
FROM bench_reader;
