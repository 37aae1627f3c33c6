package dev.platform.command.user;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * After 10 failed logins for one e-mail (known or not) within a minute, further attempts are refused until the
 * oldest of those failures is a minute old, even with the right password. Failures are kept in PostgreSQL so
 * that every node counts the same; a successful login clears them.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    LoginThrottle(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long this e-mail must wait before trying again, if it is throttled now. */
    Optional<Duration> retryAfter(String emailKey) {
        Instant now = clock.instant();
        var failures = jdbc.queryForList(
                "SELECT failed_at FROM login_failure WHERE email = ? AND failed_at > ? ORDER BY failed_at DESC LIMIT ?",
                Timestamp.class,
                emailKey,
                Timestamp.from(now.minus(WINDOW)),
                MAX_FAILURES);
        if (failures.size() < MAX_FAILURES) {
            return Optional.empty();
        }
        Instant oldestCounted = failures.get(MAX_FAILURES - 1).toInstant();
        return Optional.of(Duration.between(now, oldestCounted.plus(WINDOW)));
    }

    void failed(String emailKey) {
        Instant now = clock.instant();
        jdbc.update(
                "DELETE FROM login_failure WHERE email = ? AND failed_at <= ?",
                emailKey,
                Timestamp.from(now.minus(WINDOW)));
        jdbc.update("INSERT INTO login_failure (email, failed_at) VALUES (?, ?)", emailKey, Timestamp.from(now));
    }

    void succeeded(String emailKey) {
        jdbc.update("DELETE FROM login_failure WHERE email = ?", emailKey);
    }
}
