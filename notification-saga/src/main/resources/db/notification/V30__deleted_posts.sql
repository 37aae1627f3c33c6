-- Deleted posts (issue 16). notification_post.deleted_at: the post was deleted; no e-mail goes out for it any more.
-- A delivery of a deleted post that was not sent yet is 'withdrawn' (notification_delivery.status has no CHECK:
-- the new value needs no change of the table): the audience processor withdraws the open ones (selected, queued,
-- retrying) when it applies the deletion, and a worker withdraws one it claims afterwards (a 'sending' delivery
-- whose worker died, a failed one replayed) instead of sending it. Nullable without a default: no row rewritten.
ALTER TABLE notification_post ADD COLUMN deleted_at TIMESTAMPTZ;
