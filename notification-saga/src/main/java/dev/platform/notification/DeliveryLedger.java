package dev.platform.notification;

import dev.platform.infra.personaldata.PersonalDataKeys;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

// Over 200 lines: every transition of notification_delivery, so its conditional updates are read together.
/**
 * The delivery ledger: one row per (post, subscriber), ever, and the notification side's view of who may be
 * e-mailed. Every transition is a conditional update, so two workers, a redelivery or a republication can
 * never both win the same delivery.
 */
@Repository
class DeliveryLedger {

    /** Statuses of deliveries that are not finished yet. */
    static final List<String> OPEN = List.of("selected", "queued", "sending", "retrying");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeliveryLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A won claim on a delivery: the attempt it is, whether an earlier attempt may have reached the server, the
     * recipient (empty while this side has not seen the post yet), and whether the subscriber is erased (read from
     * the table the erasure's own transaction changed: an erased person gets no e-mail, also when this side has not
     * seen the erasure's event yet).
     */
    record Claim(
            int attempt,
            boolean inDoubt,
            Instant firstFailedAt,
            Optional<Recipient> recipient,
            boolean subscriberErased) {}

    /** Everything an e-mail is made of, read when it is about to be sent; the e-mail is null while unknown here. */
    record Recipient(
            String email,
            UUID creatorId,
            String title,
            String excerpt,
            String excerptHtml,
            boolean stillSubscribed,
            boolean postDeleted) {}

    record Stats(
            long recipients,
            long skippedUnverified,
            long sent,
            long failed,
            long pending,
            long withdrawn,
            long inDoubt,
            long retrying,
            long attempts,
            Instant nextAttemptAt) {}

    /** What a progress check did: deliveries taken back from expired leases, and retries that came due. */
    record Reclaimed(int expired, int due) {}

    /** What a selection recorded: deliveries to send, and subscribers skipped for an unverified address. */
    record Selection(int recipients, int skippedUnverified) {}

    /**
     * Records the subscribers of {@code creatorId} active right now as recipients of the post, except those
     * already e-mailed (or being e-mailed) about it; a delivery cancelled earlier is selected again. With {@code
     * verifiedOnly}, a subscriber whose address is not verified (or not known here) is recorded as {@code skipped}
     * instead: never sent, counted in the post's statistics once (the row's key), and selected by a later
     * republication once the address is verified (a skipped subscriber was never e-mailed about the post).
     *
     * @return what this selection added or changed
     */
    Selection selectRecipients(UUID postId, UUID creatorId, Instant at, boolean verifiedOnly) {
        Timestamp now = Timestamp.from(at);
        return jdbc.queryForObject(
                "WITH chosen AS (INSERT INTO notification_delivery (post_id, subscriber_id, status, selected_at, "
                        + "updated_at) SELECT ?, s.subscriber_id, CASE WHEN ? AND NOT COALESCE(("
                        + "SELECT u.email_verified FROM notification_user u WHERE u.user_id = s.subscriber_id), FALSE) "
                        + "THEN 'skipped' ELSE 'selected' END, ?, ? FROM notification_subscriber s "
                        + "WHERE s.creator_id = ? AND s.active "
                        + "ON CONFLICT (post_id, subscriber_id) DO UPDATE "
                        + "SET status = EXCLUDED.status, selected_at = EXCLUDED.selected_at, "
                        + "updated_at = EXCLUDED.updated_at "
                        + "WHERE notification_delivery.status = 'cancelled' "
                        + "OR (notification_delivery.status = 'skipped' AND EXCLUDED.status = 'selected') "
                        + "RETURNING status) "
                        + "SELECT count(*) FILTER (WHERE status = 'selected'), "
                        + "count(*) FILTER (WHERE status = 'skipped') FROM chosen",
                (rs, row) -> new Selection(rs.getInt(1), rs.getInt(2)),
                postId,
                verifiedOnly,
                now,
                now,
                creatorId);
    }

    /**
     * The next deliveries of the post still in {@code selected}, in subscriber order after {@code after} (null:
     * from the start), so that walking a large audience batch by batch reads each row of the post once.
     */
    List<UUID> selected(UUID postId, UUID after, int limit) {
        return after == null
                ? jdbc.queryForList(
                        "SELECT subscriber_id FROM notification_delivery WHERE post_id = ? AND status = 'selected' "
                                + "ORDER BY subscriber_id LIMIT ?",
                        UUID.class,
                        postId,
                        limit)
                : jdbc.queryForList(
                        "SELECT subscriber_id FROM notification_delivery WHERE post_id = ? AND subscriber_id > ? "
                                + "AND status = 'selected' ORDER BY subscriber_id LIMIT ?",
                        UUID.class,
                        postId,
                        after,
                        limit);
    }

    /**
     * Marks published deliveries queued. Rows a worker holds at this moment are skipped, not waited for: a worker
     * holds a row only to claim it (or to record it sent), after which it is not {@code selected} any more, and
     * waiting for it while holding the rest of the batch could deadlock with a worker that records one e-mail
     * and claims the next in one statement. A skipped row whose claim then rolls back stays {@code selected} and
     * is published again at the saga's next progress check; the second message finds it claimed or finished.
     * {@code leaseUntil} is when the message is expected to have been taken by a worker (see {@link
     * #reclaimExpired}).
     */
    void markQueued(UUID postId, List<UUID> subscribers, Instant leaseUntil) {
        jdbc.execute((java.sql.Connection connection) -> {
            Array ids = connection.createArrayOf("uuid", subscribers.toArray());
            try (var statement = connection.prepareStatement("UPDATE notification_delivery d "
                    + "SET status = 'queued', lease_until = ?, updated_at = ? FROM (SELECT post_id, subscriber_id "
                    + "FROM notification_delivery WHERE post_id = ? AND subscriber_id = ANY (?) "
                    + "AND status = 'selected' FOR UPDATE SKIP LOCKED) s "
                    + "WHERE d.post_id = s.post_id AND d.subscriber_id = s.subscriber_id")) {
                statement.setTimestamp(1, Timestamp.from(leaseUntil));
                statement.setTimestamp(2, Timestamp.from(clock.instant()));
                statement.setObject(3, postId);
                statement.setArray(4, ids);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Takes a delivery for sending and reads what the e-mail is made of, in one statement; with
     * {@code previous}, the same statement (one commit) records the worker's previous e-mail as sent. A delivery
     * already in {@code sending} is taken again only by a redelivered message: its worker died between taking it
     * and recording its result, so the e-mail may or may not have reached the SMTP server. Such a claim is in
     * doubt, and counted. Empty when the delivery is finished or taken by another worker.
     */
    Optional<Claim> claim(UUID postId, UUID subscriberId, boolean redelivered, DeliveryJob previous, Duration lease) {
        Instant at = clock.instant();
        Timestamp now = Timestamp.from(at);
        Timestamp leaseUntil = Timestamp.from(at.plus(lease));
        RowMapper<Claim> claim = (rs, row) -> new Claim(
                rs.getInt(1),
                rs.getBoolean(2),
                rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(),
                rs.getBoolean(9)
                        ? Optional.of(new Recipient(
                                rs.getString(3),
                                rs.getObject(4, UUID.class),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getBoolean(8),
                                rs.getBoolean(11)))
                        : Optional.empty(),
                rs.getBoolean(12));
        if (previous != null
                && previous.postId().equals(postId)
                && previous.subscriberId().equals(subscriberId)) {
            // A second message for the delivery just sent (published twice): one statement must not update a row
            // twice (PostgreSQL applies one of the two changes, which one is not defined), so record it first.
            markSent(postId, subscriberId);
            previous = null;
        }
        List<Claim> claimed = previous == null
                ? jdbc.query(CLAIM, claim, leaseUntil, now, postId, subscriberId, redelivered)
                : jdbc.query(
                        RECORD_SENT_AND_CLAIM,
                        claim,
                        now,
                        previous.postId(),
                        previous.subscriberId(),
                        leaseUntil,
                        now,
                        postId,
                        subscriberId,
                        redelivered);
        return claimed.stream().findFirst();
    }

    // A 'retrying' delivery is not claimable: it waits in the ledger until its next attempt is due, when the saga
    // publishes it again; a stray message for it (a retry queue of an earlier version, a duplicate) is dropped.
    private static final String CLAIMED = "claimed AS (UPDATE notification_delivery SET status = 'sending', "
            + "attempts = attempts + 1, in_doubt = in_doubt OR status = 'sending', lease_until = ?, updated_at = ? "
            + "WHERE post_id = ? AND subscriber_id = ? "
            + "AND (status IN ('selected', 'queued') OR (status = 'sending' AND ?)) "
            + "RETURNING post_id, subscriber_id, attempts, in_doubt, first_failed_at) ";

    private static final String READ_CLAIMED = "SELECT c.attempts, c.in_doubt, u.email, p.creator_id, p.title, "
            + "p.excerpt, p.excerpt_html, "
            // A scalar subquery, not a join: as a join the planner, misled by the statistics of a freshly filled
            // table, looked the subscription up by creator alone and filtered all of the creator's subscribers
            // (9 ms a claim at 10,000 subscribers).
            + "COALESCE((SELECT s.active FROM notification_subscriber s "
            + "WHERE s.creator_id = p.creator_id AND s.subscriber_id = c.subscriber_id), FALSE), "
            + "p.post_id IS NOT NULL, c.first_failed_at, p.deleted_at IS NOT NULL, "
            + PersonalDataKeys.erasedCondition("c.subscriber_id")
            + " FROM claimed c LEFT JOIN notification_post p ON p.post_id = c.post_id "
            + "LEFT JOIN notification_user u ON u.user_id = c.subscriber_id";

    private static final String CLAIM = "WITH " + CLAIMED + READ_CLAIMED;

    private static final String RECORD_SENT_AND_CLAIM = "WITH sent AS (UPDATE notification_delivery "
            + "SET status = 'sent', last_error = NULL, lease_until = NULL, updated_at = ? "
            + "WHERE post_id = ? AND subscriber_id = ? AND status = 'sending'), "
            + CLAIMED
            + READ_CLAIMED;

    void markSent(UUID postId, UUID subscriberId) {
        finish(postId, subscriberId, "sent", null);
    }

    void markFailed(UUID postId, UUID subscriberId, String error) {
        finish(postId, subscriberId, "failed", error);
    }

    /**
     * Cancels every delivery to this subscriber that no worker is sending (an erased person): a message still on the
     * queue for one then claims nothing. One being sent right now is beyond recall; the workers' check before each
     * send (the claim reads {@code PersonalDataKeys.erasedCondition}) stops every later one. Answers how many were
     * cancelled.
     */
    int cancelOpenFor(UUID subscriberId) {
        return jdbc.update(
                "UPDATE notification_delivery SET status = 'cancelled', lease_until = NULL, next_attempt_at = NULL, "
                        + "updated_at = ? WHERE subscriber_id = ? AND status IN ('selected', 'queued', 'retrying')",
                Timestamp.from(clock.instant()),
                subscriberId);
    }

    void markCancelled(UUID postId, UUID subscriberId) {
        finish(postId, subscriberId, "cancelled", null);
    }

    /** A claimed delivery of a post deleted meanwhile: not sent, and never sent (a deleted post is not published again). */
    void markWithdrawn(UUID postId, UUID subscriberId) {
        finish(postId, subscriberId, "withdrawn", null);
    }

    /**
     * Withdraws the post's deliveries that are not sent and not being sent ({@code selected}, {@code queued},
     * {@code retrying}): the post was deleted. A {@code sending} one is left to its worker: its e-mail may be at the
     * SMTP server already; should it not be sent after all (a transient failure, a dead worker), its next claim finds
     * the post deleted and withdraws it ({@link #markWithdrawn}). Sent and failed deliveries stay as they are.
     *
     * @return how many deliveries were withdrawn
     */
    int withdraw(UUID postId) {
        return jdbc.update(
                "UPDATE notification_delivery SET status = 'withdrawn', lease_until = NULL, next_attempt_at = NULL, "
                        + "updated_at = ? WHERE post_id = ? AND status IN ('selected', 'queued', 'retrying')",
                Timestamp.from(clock.instant()),
                postId);
    }

    /**
     * Records a transient failure: the delivery waits in the ledger until {@code nextAttemptAt}, when the saga
     * publishes it again. The first such failure is remembered: retries stop {@code retry-for} after it.
     */
    void markRetrying(UUID postId, UUID subscriberId, String error, Instant nextAttemptAt) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update(
                "UPDATE notification_delivery SET status = 'retrying', last_error = ?, lease_until = NULL, "
                        + "next_attempt_at = ?, first_failed_at = COALESCE(first_failed_at, ?), updated_at = ? "
                        + "WHERE post_id = ? AND subscriber_id = ? AND status = 'sending'",
                truncated(error),
                Timestamp.from(nextAttemptAt),
                now,
                now,
                postId,
                subscriberId);
    }

    private void finish(UUID postId, UUID subscriberId, String status, String error) {
        jdbc.update(
                "UPDATE notification_delivery SET status = ?, last_error = ?, lease_until = NULL, "
                        + "next_attempt_at = NULL, updated_at = ? "
                        + "WHERE post_id = ? AND subscriber_id = ? AND status = 'sending'",
                status,
                truncated(error),
                Timestamp.from(clock.instant()),
                postId,
                subscriberId);
    }

    private static String truncated(String error) {
        return error == null ? null : error.substring(0, Math.min(error.length(), 1000));
    }

    /**
     * Takes back the post's deliveries whose lease has expired, and those whose next attempt is due, into {@code
     * selected}, for the dispatcher to publish again. An expired {@code queued} lease means the message was not
     * taken in time (lost with a broker's disk, a queue deleted by hand); an expired {@code sending} lease means
     * its worker died or hangs between the claim and the record, so the server may have accepted the e-mail: it
     * becomes in doubt (counted in {@code possible_duplicates}). A delivery with a live lease is never taken,
     * however old the post's backlog is.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Reclaimed reclaim(UUID postId) {
        Timestamp now = Timestamp.from(clock.instant());
        int expired = jdbc.update(
                "UPDATE notification_delivery SET status = 'selected', in_doubt = in_doubt OR status = 'sending', "
                        + "lease_until = NULL, updated_at = ? "
                        + "WHERE post_id = ? AND status IN ('queued', 'sending') AND lease_until < ?",
                now,
                postId,
                now);
        int due = jdbc.update(
                "UPDATE notification_delivery SET status = 'selected', next_attempt_at = NULL, updated_at = ? "
                        + "WHERE post_id = ? AND status = 'retrying' AND next_attempt_at <= ?",
                now,
                postId,
                now);
        return new Reclaimed(expired, due);
    }

    /**
     * The open deliveries of the post: how many, how many of them are on their way (selected, queued or sending:
     * any of those may fail or lose its lease at any moment), and the earliest next attempt of a retrying one.
     */
    record Open(long count, long onTheirWay, Instant nextAttemptAt) {}

    /**
     * Runs in a transaction of its own, like {@link #reclaim}: the saga calls both from its handlers, and a failure
     * here (a lock timeout, say) must leave the saga's own transaction usable so that it can still schedule its
     * next progress check.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Open openDeliveries(UUID postId) {
        return jdbc.queryForObject(
                "SELECT count(*), count(*) FILTER (WHERE status <> 'retrying'), "
                        + "min(next_attempt_at) FILTER (WHERE status = 'retrying') "
                        + "FROM notification_delivery WHERE post_id = ? "
                        + "AND status IN ('selected', 'queued', 'sending', 'retrying')",
                (rs, row) -> new Open(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
                postId);
    }

    /**
     * Puts the failed deliveries of one post (or of every post, {@code postId} null) back to {@code selected},
     * attempts and retry window reset; {@code in_doubt} and sent deliveries are left as they are.
     *
     * @return how many deliveries were put back, per post
     */
    Map<UUID, Integer> replayFailed(UUID postId) {
        Timestamp now = Timestamp.from(clock.instant());
        String update = "UPDATE notification_delivery SET status = 'selected', attempts = 0, last_error = NULL, "
                + "first_failed_at = NULL, next_attempt_at = NULL, lease_until = NULL, updated_at = ? "
                + "WHERE status = 'failed'" + (postId == null ? "" : " AND post_id = ?")
                // A deleted post's failed deliveries are not tried again (a worker would withdraw them anyway).
                + " AND NOT EXISTS (SELECT 1 FROM notification_post p WHERE p.post_id = notification_delivery.post_id "
                + "AND p.deleted_at IS NOT NULL) RETURNING post_id";
        List<UUID> posts = postId == null
                ? jdbc.queryForList(update, UUID.class, now)
                : jdbc.queryForList(update, UUID.class, now, postId);
        Map<UUID, Integer> replayed = new LinkedHashMap<>();
        posts.forEach(post -> replayed.merge(post, 1, Integer::sum));
        return replayed;
    }

    Stats stats(UUID postId) {
        return jdbc.queryForObject(
                "SELECT count(*) FILTER (WHERE status NOT IN ('cancelled', 'skipped')), "
                        + "count(*) FILTER (WHERE status = 'skipped'), count(*) FILTER (WHERE status = 'sent'), "
                        + "count(*) FILTER (WHERE status = 'failed'), "
                        + "count(*) FILTER (WHERE status IN ('selected', 'queued', 'sending', 'retrying')), "
                        + "count(*) FILTER (WHERE status = 'withdrawn'), count(*) FILTER (WHERE in_doubt), count(*) FILTER (WHERE status = 'retrying'), "
                        + "COALESCE(sum(attempts), 0), min(next_attempt_at) FILTER (WHERE status = 'retrying') "
                        + "FROM notification_delivery WHERE post_id = ?",
                (rs, row) -> new Stats(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant()),
                postId);
    }
}
