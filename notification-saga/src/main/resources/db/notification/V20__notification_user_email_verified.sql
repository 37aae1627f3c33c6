-- Whether the user's address was verified (EmailVerified), for platform.notifications.verified-only: with it on, a
-- publication's unverified subscribers get no e-mail and are recorded in the ledger as 'skipped' instead (a status
-- of notification_delivery besides those of V1: never sent, counted once per post and subscriber by the key, and
-- selected by a later republication once the address is verified).
ALTER TABLE notification_user ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE;

-- The audience handles EmailVerified from this version on, but its token may already be past such events: take the
-- addresses verified so far from the event store (the truth; the processor's later events set the same value again,
-- and a rebuild sets it from the events). A process whose schema has no event store (a test of this module alone)
-- has nothing to take.
DO $$
BEGIN
    IF to_regclass('domain_event_entry') IS NOT NULL THEN
        UPDATE notification_user u SET email_verified = TRUE
        FROM domain_event_entry e
        WHERE e.payload_type = 'dev.platform.api.user.EmailVerified'
          AND e.aggregate_identifier = u.user_id::text;
    END IF;
END
$$;
