-- A delivery changes status three times on its way (queued, sending, sent), two of them on the hot path of the
-- workers. With status in an index, each change added an entry to both indexes of the table, and every worker
-- inserted at the same place of (post_id, status), which made the sent/claim updates the slowest statements of a
-- 10,000 e-mail benchmark. Without an index on status, and with room left on each page, PostgreSQL rewrites the
-- row within its page and touches no index at all (a heap-only update). The statements that look for open
-- deliveries of a post walk that post's rows through the primary key instead (post_id is its first column).
DROP INDEX notification_delivery_open;
ALTER TABLE notification_delivery SET (fillfactor = 50);
