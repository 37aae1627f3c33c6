package dev.platform.command.user;

import dev.platform.infra.schedule.BatchedDeletes;
import dev.platform.infra.schedule.PeriodicTask;
import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes {@code login_failure} rows older than the throttle's window every
 * {@code platform.login-throttle.purge-interval} (5 minutes), in batches of {@value #BATCH} rows so that no
 * statement runs long or locks much. A failure no login ever follows would otherwise stay forever. Each node
 * purges; two purges at once only find less to delete.
 */
@Component
class LoginFailurePurge extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(LoginFailurePurge.class);
    static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    LoginFailurePurge(JdbcTemplate jdbc, Clock clock, LoginThrottleProperties properties) {
        super("login-failure-purge", properties.purgeInterval());
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Deletes every failure older than the window; returns how many rows went. */
    int purge() {
        Timestamp before = Timestamp.from(clock.instant().minus(LoginThrottle.WINDOW));
        return BatchedDeletes.untilDone(
                BATCH,
                batch -> jdbc.update(
                        "DELETE FROM login_failure WHERE id IN"
                                + " (SELECT id FROM login_failure WHERE failed_at <= ? LIMIT ?)",
                        before,
                        batch));
    }

    /** A failed round (the database away) is logged by {@link PeriodicTask}; the next one tries again. */
    @Override
    protected void round() {
        int deleted = purge();
        if (deleted > 0) {
            log.debug("purged {} old login failures", deleted);
        }
    }
}
