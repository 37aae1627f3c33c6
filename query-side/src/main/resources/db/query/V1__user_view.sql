-- Profiles as GET /users/{id} answers them. version = the sequence number of the last applied User event.
CREATE TABLE user_view (
    id         UUID         PRIMARY KEY,
    email      VARCHAR(254) NOT NULL,
    username   VARCHAR(30)  NOT NULL,
    bio        TEXT,
    role       VARCHAR(16)  NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    version    BIGINT       NOT NULL
);
