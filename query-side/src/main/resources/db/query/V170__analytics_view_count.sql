-- A post's running count of page views in a table of analytics' own (issue 17), no longer a column of post_view:
-- every batch of views updated the post's row, so the pages of a much-read creator's posts were never all-visible
-- and the creator's list counted its posts with a heap fetch per post instead of from the index alone. post_view
-- now changes only with the post's own events; a read joins the count by primary key.
CREATE TABLE analytics_view_count (
    post_id    UUID   PRIMARY KEY,
    view_count BIGINT NOT NULL
);

INSERT INTO analytics_view_count (post_id, view_count)
SELECT post_id, count(*) FROM analytics_post_view GROUP BY post_id;

ALTER TABLE post_view DROP COLUMN view_count;
