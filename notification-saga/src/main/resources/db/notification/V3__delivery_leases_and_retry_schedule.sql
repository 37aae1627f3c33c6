-- Leases and a retry schedule made for mail (issue 13).
--   lease_until:     until when a 'queued' delivery's message is expected to be taken, or a 'sending' one to be
--                    recorded; the saga's progress check takes back only deliveries whose lease has expired.
--   next_attempt_at: when a 'retrying' delivery is due again; the saga's progress check publishes it then.
--   first_failed_at: the first transient failure of the delivery; retries stop retry-for after it.
-- Nullable columns without a default: adding them rewrites no row.
ALTER TABLE notification_delivery
    ADD COLUMN lease_until     TIMESTAMPTZ,
    ADD COLUMN next_attempt_at TIMESTAMPTZ,
    ADD COLUMN first_failed_at TIMESTAMPTZ;

-- Deliveries in flight at the upgrade: their messages are in RabbitMQ (the work queue, or the retry queue of the
-- previous version, whose messages still expire back into the work exchange). Give them the time the previous
-- version gave them before it republished (10 minutes); a retrying one is due at once (a stray message of the
-- retry queue finds it taken or finished and is dropped).
UPDATE notification_delivery SET lease_until = now() + interval '10 minutes' WHERE status IN ('queued', 'sending');
UPDATE notification_delivery SET next_attempt_at = now(), first_failed_at = updated_at WHERE status = 'retrying';
