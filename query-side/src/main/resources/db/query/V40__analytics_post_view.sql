-- Raw post_view events as the analytics consumer received them, one row per event id (redeliveries insert
-- nothing). post_view.view_count counts these rows per post; a rebuild of post_view takes it from here.
CREATE TABLE analytics_post_view (
    event_id  UUID        PRIMARY KEY,
    post_id   UUID        NOT NULL,
    user_id   UUID        NOT NULL,
    viewed_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX analytics_post_view_post_user ON analytics_post_view (post_id, user_id);
CREATE INDEX analytics_post_view_post_viewed ON analytics_post_view (post_id, viewed_at);
