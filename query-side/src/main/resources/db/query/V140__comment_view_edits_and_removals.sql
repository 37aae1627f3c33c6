-- Edited and removed comments (CommentEdited, CommentRemoved). A removed comment keeps its row without its content
-- and its author, so that the thread around it stays whole: the reads show it as a placeholder while a comment
-- below it is not removed, and not at all once none is (CommentViewTable).
ALTER TABLE comment_view
    ADD COLUMN edited_at TIMESTAMPTZ,
    ADD COLUMN removed   BOOLEAN NOT NULL DEFAULT FALSE,
    -- The sequence number of the comment's last applied event: an event handled again changes nothing.
    ADD COLUMN version   BIGINT  NOT NULL DEFAULT 0,
    ALTER COLUMN content DROP NOT NULL,
    ALTER COLUMN user_id DROP NOT NULL;
