-- An erased person's posts and comments (issue 16, docs/audit.md: their posts are deleted, their comments removed),
-- found here by ErasedContent. Kept by the subscribing processor "person-content" in the transaction that stores
-- the post's or comment's event: a row exists while the post is not deleted, the comment not removed.
CREATE TABLE person_content (
    kind       VARCHAR(8) NOT NULL CHECK (kind IN ('post', 'comment')),
    content_id UUID       NOT NULL,
    user_id    UUID       NOT NULL,
    post_id    UUID       NOT NULL,
    PRIMARY KEY (kind, content_id)
);
CREATE INDEX person_content_user ON person_content (user_id);

-- Posts and comments stored before this table existed.
INSERT INTO person_content (kind, content_id, user_id, post_id)
SELECT 'post', created.aggregate_identifier::uuid,
       (convert_from(created.payload, 'UTF8')::jsonb ->> 'creatorId')::uuid, created.aggregate_identifier::uuid
FROM domain_event_entry created
WHERE created.payload_type = 'dev.platform.api.post.PostCreated'
  AND NOT EXISTS (SELECT 1 FROM domain_event_entry gone
                  WHERE gone.aggregate_identifier = created.aggregate_identifier
                    AND gone.payload_type = 'dev.platform.api.post.PostDeleted')
ON CONFLICT DO NOTHING;

INSERT INTO person_content (kind, content_id, user_id, post_id)
SELECT 'comment', added.aggregate_identifier::uuid,
       (convert_from(added.payload, 'UTF8')::jsonb ->> 'userId')::uuid,
       (convert_from(added.payload, 'UTF8')::jsonb ->> 'postId')::uuid
FROM domain_event_entry added
WHERE added.payload_type = 'dev.platform.api.comment.CommentAdded'
  AND NOT EXISTS (SELECT 1 FROM domain_event_entry gone
                  WHERE gone.aggregate_identifier = added.aggregate_identifier
                    AND gone.payload_type = 'dev.platform.api.comment.CommentRemoved')
ON CONFLICT DO NOTHING;
