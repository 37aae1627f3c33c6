-- Deleted posts (issue 16): the row stays, so that a redelivered or replayed earlier event of the post finds it at
-- its version and cannot bring the post back; deleted_at marks it gone, and every read but the admin's audit skips
-- it. Nullable without a default: adding it rewrites no row.
ALTER TABLE post_view ADD COLUMN deleted_at TIMESTAMPTZ;

-- The creator's list and its counts read live posts only: the indexes hold just those, so a deleted post costs the
-- list nothing and the counts stay index-only.
DROP INDEX post_view_creator_listed;
DROP INDEX post_view_creator_status_listed;
CREATE INDEX post_view_creator_listed ON post_view (creator_id, listed_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX post_view_creator_status_listed ON post_view (creator_id, status, listed_at DESC, id DESC)
    WHERE deleted_at IS NULL;
