CREATE TABLE IF NOT EXISTS peer_post (
    id         UUID         PRIMARY KEY,
    creator_id UUID         NOT NULL,
    title      VARCHAR(200) NOT NULL,
    content    TEXT         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);
-- The creator's list, newest first: what any service would index for it.
CREATE INDEX IF NOT EXISTS peer_post_creator_created ON peer_post (creator_id, created_at DESC, id DESC);

CREATE TABLE IF NOT EXISTS peer_comment (
    id                UUID        PRIMARY KEY,
    post_id           UUID        NOT NULL REFERENCES peer_post (id),
    user_id           UUID        NOT NULL,
    parent_comment_id UUID        REFERENCES peer_comment (id),
    content           TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL
);
-- A post's comments in order (the list a plain service would serve; also the foreign key's look-up on delete).
CREATE INDEX IF NOT EXISTS peer_comment_post_created ON peer_comment (post_id, created_at);
