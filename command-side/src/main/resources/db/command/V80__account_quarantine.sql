-- Erasure (issue 16, docs/audit.md): an erased person's e-mail address and username stay taken for
-- platform.erasure.quarantine, then become free. Only a SHA-256 of each (lower-cased, prefixed with its kind) is
-- kept here: the address itself is gone with the user_credentials row. ErasureQuarantine deletes the released rows.
CREATE TABLE account_quarantine (
    claim_hash VARCHAR(64) PRIMARY KEY,
    user_id    UUID        NOT NULL,
    release_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX account_quarantine_release ON account_quarantine (release_at);
