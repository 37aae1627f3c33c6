package dev.platform.notification;

import dev.platform.infra.personaldata.PersonalDataKeys;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The ledger of account e-mails ({@code account_email}): one row per (user, kind, request), ever. Like the delivery
 * ledger every transition is a conditional update, so a duplicate message, a second node's poll or a redelivered
 * event never sends one e-mail twice (except the in-doubt case of a worker dying after the SMTP server accepted).
 */
@Repository
class AccountEmails {

    /** The address-verification e-mail; its token has purpose {@code VERIFY_EMAIL}. */
    static final String VERIFY = "verify-email";

    /** The password reset e-mail; its token has purpose {@code PASSWORD_RESET}. */
    static final String RESET = "password-reset";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AccountEmails(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A won claim: what the e-mail is made of; the address is null while this side has not seen it. */
    /** A claimed e-mail; {@code erased}: its person was erased (read in the claim's statement, as the erasure left it). */
    record Claim(
            UUID userId, String kind, int request, String email, int attempt, Instant firstFailedAt, boolean erased) {}

    /** Records that the e-mail is to be sent; a second record of the same request is ignored. */
    void request(UUID userId, String kind, int request) {
        jdbc.update(
                "INSERT INTO account_email (id, user_id, kind, request_no, status, created_at) "
                        + "VALUES (?, ?, ?, ?, 'selected', ?) ON CONFLICT (user_id, kind, request_no) DO NOTHING",
                UUID.randomUUID(),
                userId,
                kind,
                request,
                Timestamp.from(clock.instant()));
    }

    /**
     * Takes the e-mails to publish now, holding their rows (the caller's transaction) so that a second node's poll
     * skips them: new ones, retries that came due, and those whose lease expired (a message lost, a worker dead;
     * an expired {@code sending} one may have reached the server and is sent again).
     */
    List<UUID> due(int limit) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.queryForList(
                "SELECT id FROM account_email WHERE status = 'selected' "
                        + "OR (status = 'retrying' AND next_attempt_at <= ?) "
                        + "OR (status IN ('queued', 'sending') AND lease_until < ?) "
                        + "LIMIT ? FOR UPDATE SKIP LOCKED",
                UUID.class,
                now,
                now,
                limit);
    }

    void markQueued(List<UUID> ids, Instant leaseUntil) {
        for (UUID id : ids) {
            jdbc.update(
                    "UPDATE account_email SET status = 'queued', lease_until = ?, next_attempt_at = NULL WHERE id = ?",
                    Timestamp.from(leaseUntil),
                    id);
        }
    }

    /**
     * Takes the e-mail for sending. One already {@code sending} is taken again only by a redelivered message (its
     * worker died before recording the result). Empty when finished, waiting for a retry, or taken by another.
     *
     * <p>A {@code selected} one is claimable too: its message can reach a worker before the publisher's transaction
     * (which holds the row from its read to its mark as {@code queued}) commits. PostgreSQL tests an UPDATE's
     * condition on the row as the statement's snapshot sees it and waits for a lock only on a row that passes, so a
     * condition of {@code queued} alone skipped the row still {@code selected} without waiting, the message was
     * acknowledged and dropped, and the e-mail stayed {@code queued} until its lease ran out (5 minutes). With
     * {@code selected} accepted, the claim waits for the publisher's commit and takes the row as it is then.
     */
    Optional<Claim> claim(UUID id, boolean redelivered, Duration lease) {
        return jdbc
                .query(
                        "WITH c AS (UPDATE account_email SET status = 'sending', attempts = attempts + 1, "
                                + "lease_until = ? WHERE id = ? "
                                + "AND (status IN ('selected', 'queued') OR (status = 'sending' AND ?)) "
                                + "RETURNING user_id, kind, request_no, attempts, first_failed_at) "
                                + "SELECT c.user_id, c.kind, c.request_no, u.email, c.attempts, c.first_failed_at, "
                                + PersonalDataKeys.erasedCondition("c.user_id")
                                + " FROM c LEFT JOIN notification_user u ON u.user_id = c.user_id",
                        (rs, row) -> new Claim(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                rs.getInt(3),
                                rs.getString(4),
                                rs.getInt(5),
                                rs.getTimestamp(6) == null
                                        ? null
                                        : rs.getTimestamp(6).toInstant(),
                                rs.getBoolean(7)),
                        Timestamp.from(clock.instant().plus(lease)),
                        id,
                        redelivered)
                .stream()
                .findFirst();
    }

    /** Cancels the person's account e-mails that no worker is sending (an erased person); answers how many. */
    int cancelOpenFor(UUID userId) {
        return jdbc.update(
                "UPDATE account_email SET status = 'cancelled', lease_until = NULL, next_attempt_at = NULL "
                        + "WHERE user_id = ? AND status IN ('selected', 'queued', 'retrying')",
                userId);
    }

    /** Records that an e-mail was not sent because its person was erased (claimed, then refused). */
    void markCancelled(UUID id) {
        finish(id, "cancelled", null);
    }

    void markSent(UUID id) {
        finish(id, "sent", null);
    }

    void markFailed(UUID id, String error) {
        finish(id, "failed", error);
    }

    void markRetrying(UUID id, String error, Instant nextAttemptAt) {
        jdbc.update(
                "UPDATE account_email SET status = 'retrying', last_error = ?, lease_until = NULL, "
                        + "next_attempt_at = ?, first_failed_at = COALESCE(first_failed_at, ?) "
                        + "WHERE id = ? AND status = 'sending'",
                truncated(error),
                Timestamp.from(nextAttemptAt),
                Timestamp.from(clock.instant()),
                id);
    }

    private void finish(UUID id, String status, String error) {
        jdbc.update(
                "UPDATE account_email SET status = ?, last_error = ?, lease_until = NULL, next_attempt_at = NULL "
                        + "WHERE id = ? AND status = 'sending'",
                status,
                truncated(error),
                id);
    }

    private static String truncated(String error) {
        return error == null ? null : error.substring(0, Math.min(error.length(), 1000));
    }
}
