-- Appends :n post events (and the UserRegistered events of :creators creators) to the event store, as the
-- aggregates would have written them: payloads and metadata in the JSON of Axon's Jackson serializer, one
-- aggregate sequence per post starting at 0, global indexes in time order. Per post: PostCreated, then updates,
-- publications and unpublications in the only order the Post aggregate accepts (sequence number j: j % 5 in
-- 1, 2, 4 is an update, 3 a publication of the latest revision, 0 an unpublication), 2 to 18 events per post
-- (10 on average), spread over a year; most edits follow each other within minutes, some days apart.
\set ON_ERROR_STOP 1
CREATE TEMP TABLE bench_creator AS
SELECT gen_random_uuid() AS id, i FROM generate_series(1, :creators) AS i;

INSERT INTO domain_event_entry
    (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data)
SELECT gen_random_uuid()::text, id::text, 0, 'User', to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       'dev.platform.api.user.UserRegistered',
       convert_to(json_build_object('userId', id, 'email', 'creator-' || i || '@example.com',
                                    'username', 'creator_' || i, 'role', 'creator',
                                    'registeredAt', to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'UTF8'),
       convert_to(json_build_object('traceId', r, 'correlationId', r, 'actorId', id, 'requestId', r)::text, 'UTF8')
FROM (SELECT id, i, timestamp '2025-01-01' + i * interval '1 second' AS at, gen_random_uuid() AS r
      FROM bench_creator) c
ORDER BY i;

-- ceil(n / 9) posts of 10 events on average give about 1.1 n events; the first n in time order are kept (every
-- post keeps a prefix of its events, which is a history the aggregate accepts).
CREATE TEMP TABLE bench_post AS
SELECT gen_random_uuid() AS id, c.id AS creator, p.i, p.events,
       timestamp '2025-01-02' + random() * interval '365 days' AS created
FROM (SELECT i, 2 + floor(random() * 17)::int AS events, 1 + (i % :creators) AS creator_i
      FROM generate_series(1, (:n + 8) / 9) AS i) p
JOIN bench_creator c ON c.i = p.creator_i;

CREATE TEMP TABLE bench_event AS
SELECT p.id AS post, p.creator, p.i, e.j,
       p.created + sum(e.gap) OVER (PARTITION BY p.id ORDER BY e.j) AS at,
       CASE WHEN e.j = 0 THEN 'PostCreated' WHEN e.j % 5 = 3 THEN 'PostPublished'
            WHEN e.j % 5 = 0 THEN 'PostUnpublished' ELSE 'PostUpdated' END AS kind,
       -- the revision of title and content this event carries: an update its own, a publication the latest
       CASE WHEN e.j % 5 = 3 THEN e.j - 1 ELSE e.j END AS rev
FROM bench_post p
CROSS JOIN LATERAL (
    SELECT j, CASE WHEN j = 0 THEN interval '0' ELSE power(random(), 4) * interval '3 days' + interval '5 seconds' END AS gap
    FROM generate_series(0, p.events - 1) AS j) e;

INSERT INTO domain_event_entry
    (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data)
SELECT gen_random_uuid()::text, post::text, j, 'Post', ts, 'dev.platform.api.post.' || kind,
       convert_to(CASE kind
           WHEN 'PostCreated' THEN json_build_object('postId', post, 'creatorId', creator, 'title', title,
                                                     'content', content, 'createdAt', ts)
           WHEN 'PostUpdated' THEN json_build_object('postId', post, 'title', title, 'content', content,
                                                     'updatedAt', ts)
           WHEN 'PostPublished' THEN json_build_object('postId', post, 'creatorId', creator, 'title', title,
                                                       'content', content, 'publishedAt', ts)
           ELSE json_build_object('postId', post, 'creatorId', creator, 'unpublishedAt', ts) END::text, 'UTF8'),
       convert_to(json_build_object('traceId', r, 'correlationId', r, 'actorId', creator, 'requestId', r)::text,
                  'UTF8')
FROM (SELECT e.*, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ts, gen_random_uuid() AS r,
             'Post ' || i || ', revision ' || rev AS title,
             'Revision ' || rev || ' of post ' || i || '. ' || repeat('Some words of the post. ', 10 + i % 30) AS content
      FROM (SELECT * FROM bench_event ORDER BY at, post, j LIMIT :n) e) x
ORDER BY at, post, j;

VACUUM ANALYZE domain_event_entry;
