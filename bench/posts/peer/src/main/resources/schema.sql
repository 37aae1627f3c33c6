CREATE TABLE IF NOT EXISTS peer_post (
    id         UUID         PRIMARY KEY,
    creator_id UUID         NOT NULL,
    title      VARCHAR(200) NOT NULL,
    content    TEXT         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);
