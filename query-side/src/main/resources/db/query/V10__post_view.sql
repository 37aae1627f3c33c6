-- Posts as GET /posts/{id} and GET /creators/{creator_id}/posts answer them. Other features read
-- id, creator_id and status from here. version = the sequence number of the last applied Post event.
CREATE TABLE post_view (
    id           UUID         PRIMARY KEY,
    creator_id   UUID         NOT NULL,
    title        VARCHAR(200) NOT NULL,
    content      TEXT         NOT NULL,
    status       VARCHAR(16)  NOT NULL CHECK (status IN ('draft', 'published')),
    published_at TIMESTAMPTZ,
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    view_count   BIGINT       NOT NULL DEFAULT 0,
    version      BIGINT       NOT NULL,
    -- The instant a creator's list orders by: published_at for published posts, updated_at for drafts.
    listed_at    TIMESTAMPTZ  GENERATED ALWAYS AS (COALESCE(published_at, updated_at)) STORED
);

CREATE INDEX post_view_creator_listed ON post_view (creator_id, listed_at DESC, id DESC);
CREATE INDEX post_view_creator_status_listed ON post_view (creator_id, status, listed_at DESC, id DESC);
