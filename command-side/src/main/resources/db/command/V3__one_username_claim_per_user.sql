-- A user holds exactly one username claim. A change of username updates the user's row, whose lock makes two
-- changes of one user wait for each other; before, each inserted its own row and deleted the user's others, so
-- two concurrent changes could both stay.
--
-- Users left with several claims by that race keep the one of their current username: the newest of their
-- events that names one (UserRegistered, or a UserProfileUpdated that set it; JSON in bytea). Usernames are
-- [A-Za-z0-9_] only, so the value is read with a pattern instead of a JSON cast, which a NUL escape elsewhere
-- in the event would break.
WITH current_name AS (
    SELECT c.user_id,
           (SELECT lower(substring(convert_from(e.payload, 'UTF8') FROM '"username":"([A-Za-z0-9_]+)"'))
            FROM domain_event_entry e
            WHERE e.aggregate_identifier = c.user_id::text
              AND e.payload_type IN ('dev.platform.api.user.UserRegistered', 'dev.platform.api.user.UserProfileUpdated')
              AND convert_from(e.payload, 'UTF8') ~ '"username":"[A-Za-z0-9_]+"'
            ORDER BY e.sequence_number DESC
            LIMIT 1) AS username_key
    FROM username_claim c
    GROUP BY c.user_id
    HAVING count(*) > 1
)
DELETE FROM username_claim c
USING current_name n
WHERE c.user_id = n.user_id
  AND c.username_key <> n.username_key
  AND EXISTS (SELECT 1 FROM username_claim k WHERE k.user_id = n.user_id AND k.username_key = n.username_key);

DROP INDEX username_claim_user;
ALTER TABLE username_claim ADD CONSTRAINT username_claim_one_per_user UNIQUE (user_id);
