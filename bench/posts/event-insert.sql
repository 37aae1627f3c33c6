-- pgbench: one event-shaped row per transaction, as Axon appends a PostCreated: the columns of
-- domain_event_entry, a JSON payload of about 300 bytes and metadata of about 200 bytes (request, actor, trace
-- and correlation ids), both bytea: the sizes the platform stores for the benchmark's posts.
-- (No colon may be followed by a letter in this file: pgbench would read it as a variable.)
INSERT INTO bench_event (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                         payload_type, payload_revision, payload, meta_data)
SELECT gen_random_uuid()::text, post::text, 0, 'Post', ts, 'dev.platform.api.post.PostCreated', NULL,
       convert_to('{"postId":"' || post || '","creatorId":"' || creator || '","title":"A benchmark post about writing",'
                  || '"content":"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor '
                  || 'incididunt ut labore et dolore magna aliqua.","createdAt":"' || ts || '"}', 'UTF8'),
       convert_to('{"requestId":"' || gen_random_uuid() || '","actorId":"' || creator || '","traceId":"'
                  || gen_random_uuid() || '","correlationId":"' || gen_random_uuid() || '"}', 'UTF8')
FROM (SELECT gen_random_uuid() AS post, gen_random_uuid() AS creator,
             (to_json(date_trunc('milliseconds', now() AT TIME ZONE 'UTC')) #>> '{}') || 'Z' AS ts) AS fresh;
