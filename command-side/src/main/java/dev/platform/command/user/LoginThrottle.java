package dev.platform.command.user;

import dev.platform.infra.web.RateLimited;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After 10 failed logins for one e-mail (known or not) within a minute, further attempts are refused until the
 * oldest of those failures is a minute old, even with the right password. Attempts are kept in PostgreSQL
 * ({@code login_failure}) so that every node counts the same; a successful login clears them.
 *
 * <p>An attempt is counted before its password is checked: {@link #reserve} decides and records it in one
 * transaction that holds an advisory lock on the e-mail, so concurrent attempts on one e-mail, on any node,
 * are decided one after the other and never more than 10 reach the check. A wrong password leaves the
 * reservation as the failure; an attempt that was never checked (the hashing bulkhead refused it) is handed
 * back with {@link #release}.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    // The first key of the two-key advisory locks taken here, so they never meet another lock of the database.
    private static final int LOCK_SPACE = 0x4c4f474e; // "LOGN"

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    LoginThrottle(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One counted attempt: its row in {@code login_failure}. */
    record Attempt(long id) {}

    /**
     * Counts an attempt for this e-mail.
     *
     * @throws RateLimited when 10 attempts of the last minute are counted already
     */
    Attempt reserve(String emailKey) {
        Instant now = clock.instant();
        Long id = transactions.execute(status -> {
            // Held until this transaction ends: the next attempt on this e-mail counts after this one is stored.
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", LOCK_SPACE, emailKey);
            List<Timestamp> counted = jdbc.queryForList(
                    "SELECT failed_at FROM login_failure WHERE email = ? AND failed_at > ?"
                            + " ORDER BY failed_at DESC LIMIT ?",
                    Timestamp.class,
                    emailKey,
                    Timestamp.from(now.minus(WINDOW)),
                    MAX_FAILURES);
            if (counted.size() >= MAX_FAILURES) {
                Instant oldestCounted = counted.get(MAX_FAILURES - 1).toInstant();
                long seconds = wholeSeconds(Duration.between(now, oldestCounted.plus(WINDOW)));
                throw new RateLimited(
                        "Too many failed logins for this e-mail; retry after " + seconds + " s.", seconds);
            }
            return jdbc.queryForObject(
                    "INSERT INTO login_failure (email, failed_at) VALUES (?, ?) RETURNING id",
                    Long.class,
                    emailKey,
                    Timestamp.from(now));
        });
        return new Attempt(id);
    }

    /** The attempt was not checked after all: it does not count. */
    void release(Attempt attempt) {
        jdbc.update("DELETE FROM login_failure WHERE id = ?", attempt.id());
    }

    void succeeded(String emailKey) {
        jdbc.update("DELETE FROM login_failure WHERE email = ?", emailKey);
    }

    static long wholeSeconds(Duration wait) {
        return (wait.toMillis() + 999) / 1000;
    }
}
