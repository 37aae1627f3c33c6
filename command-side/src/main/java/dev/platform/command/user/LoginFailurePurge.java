package dev.platform.command.user;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes {@code login_failure} rows older than the throttle's window every
 * {@code platform.login-throttle.purge-interval} (5 minutes), in batches of {@value #BATCH} rows so that no
 * statement runs long or locks much. A failure no login ever follows would otherwise stay forever. Each node
 * purges; two purges at once only find less to delete.
 */
@Component
class LoginFailurePurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LoginFailurePurge.class);
    static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    LoginFailurePurge(
            JdbcTemplate jdbc, Clock clock, @Value("${platform.login-throttle.purge-interval:5m}") Duration interval) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = interval;
    }

    /** Deletes every failure older than the window; returns how many rows went. */
    int purge() {
        Timestamp before = Timestamp.from(clock.instant().minus(LoginThrottle.WINDOW));
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update(
                    "DELETE FROM login_failure WHERE id IN"
                            + " (SELECT id FROM login_failure WHERE failed_at <= ? LIMIT ?)",
                    before,
                    BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    private void purgeQuietly() {
        try {
            int deleted = purge();
            if (deleted > 0) {
                log.debug("purged {} old login failures", deleted);
            }
        } catch (RuntimeException e) {
            // The next round tries again; a database outage must not end the schedule.
            log.warn("purging old login failures failed: {}", e.toString());
        }
    }

    Duration interval() {
        return interval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "login-failure-purge");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::purgeQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
