-- Scheduled publishing: a post may be 'scheduled' (a draft that publishes itself at publish_at, seen by its
-- creator only, listed by updated_at like a draft). publish_at is NULL unless the post is scheduled.
ALTER TABLE post_view DROP CONSTRAINT post_view_status_check;
ALTER TABLE post_view ADD CONSTRAINT post_view_status_check CHECK (status IN ('draft', 'published', 'scheduled'));
ALTER TABLE post_view ADD COLUMN publish_at TIMESTAMPTZ;
