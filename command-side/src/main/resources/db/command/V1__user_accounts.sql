-- Command-side state that is not in the event store: what set rules and login need.

-- Credentials: the e-mail (lower-cased, unique) and the password hash. Never in an event.
CREATE TABLE user_credentials (
    user_id       UUID         PRIMARY KEY,
    email         VARCHAR(254) NOT NULL UNIQUE,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL
);

-- Usernames are unique case-insensitively: the key is the lower-cased username.
CREATE TABLE username_claim (
    username_key VARCHAR(30) PRIMARY KEY,
    user_id      UUID        NOT NULL
);
CREATE INDEX username_claim_user ON username_claim (user_id);

-- Failed logins of the last minute per e-mail (known or not), for throttling across all nodes.
CREATE TABLE login_failure (
    email     TEXT        NOT NULL,
    failed_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX login_failure_email ON login_failure (email, failed_at);
