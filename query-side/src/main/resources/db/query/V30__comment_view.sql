-- Comments as GET /posts/{post_id}/comments answers them: oldest first, ties in the same millisecond by the
-- event's position in the event store (a reply is always stored after its parent).
CREATE TABLE comment_view (
    id                UUID        PRIMARY KEY,
    post_id           UUID        NOT NULL,
    user_id           UUID        NOT NULL,
    parent_comment_id UUID,
    content           TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    -- The global index of the CommentAdded event; the same on every redelivery and every rebuild.
    event_position    BIGINT      NOT NULL
);

CREATE INDEX comment_view_post_order ON comment_view (post_id, created_at, event_position);
