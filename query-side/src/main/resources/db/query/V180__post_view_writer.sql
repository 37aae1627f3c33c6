-- The processes that may write post_view (issue 17): each one's heartbeat, on the database's clock. A process keeps a
-- cache of post reads only while it finds no other live writer here, and a process that finds one waits before its
-- first write until every other process must have seen it (PostViewWriters).
CREATE TABLE post_view_writer (
    node_id   VARCHAR(255) PRIMARY KEY,
    last_seen TIMESTAMPTZ  NOT NULL
);
