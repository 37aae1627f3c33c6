-- What the command side must know to admit a comment, in its own tables (never the query side's), written in
-- the same transaction as the events they follow from.

-- Each post's creator and whether it is published, kept by the subscribing processor "comment-post-state" in
-- the transaction that stores the post's event. A comment reads its post's row FOR SHARE, so a concurrent
-- publication or unpublication of that post waits for the comment's transaction, or the comment for theirs.
CREATE TABLE post_state (
    post_id    UUID    PRIMARY KEY,
    creator_id UUID    NOT NULL,
    published  BOOLEAN NOT NULL
);

-- The post of every comment, written in the comment's own transaction: a reply's parent must be on its post.
CREATE TABLE comment_post (
    comment_id UUID PRIMARY KEY,
    post_id    UUID NOT NULL
);

-- Posts stored before this table existed: the creator from PostCreated, published when the latest status event
-- is a PostPublished. The event store holds every post event (snapshots never replace events).
INSERT INTO post_state (post_id, creator_id, published)
SELECT created.aggregate_identifier::uuid,
       (convert_from(created.payload, 'UTF8')::jsonb ->> 'creatorId')::uuid,
       COALESCE(latest.payload_type = 'dev.platform.api.post.PostPublished', FALSE)
FROM domain_event_entry created
LEFT JOIN LATERAL (
    SELECT status.payload_type
    FROM domain_event_entry status
    WHERE status.aggregate_identifier = created.aggregate_identifier
      AND status.payload_type IN ('dev.platform.api.post.PostPublished', 'dev.platform.api.post.PostUnpublished')
    ORDER BY status.sequence_number DESC
    LIMIT 1
) latest ON TRUE
WHERE created.payload_type = 'dev.platform.api.post.PostCreated'
ON CONFLICT (post_id) DO NOTHING;
