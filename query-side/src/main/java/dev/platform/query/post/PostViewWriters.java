package dev.platform.query.post;

import dev.platform.infra.cluster.ClusterNode;
import dev.platform.infra.schedule.PeriodicTask;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The processes that write {@code post_view}, as each one sees them: every {@code presence-interval} this process
 * records its heartbeat in {@code post_view_writer} (the database's clock) and counts the other writers whose
 * heartbeat is younger than {@code presence-timeout}. Two promises follow, which together let {@link PostCache}
 * answer from memory while it is certain that every change of {@code post_view} goes through this process:
 *
 * <ul>
 *   <li><b>Alone</b>: this process found no other writer in a heartbeat that started less than {@code fence}
 *       ({@code presence-timeout - presence-interval}) ago. Every heartbeat that finds it alone after one that did
 *       not (or after a lapse past the fence) starts a new epoch, and the cache keeps nothing across epochs: what
 *       another writer changed meanwhile was not seen here.
 *   <li><b>Writable</b>: this process writes {@code post_view} only while its own last successful heartbeat started
 *       less than {@code fence} ago (so that no other process can count it as gone while it writes), and, when its
 *       first heartbeat found another writer, not before {@code fence} after that heartbeat: by then every heartbeat
 *       that could have found the other one alone without seeing this process has run out of its fence. A write
 *       waits for that at most {@code presence-timeout}, then fails as the database being away would.
 * </ul>
 *
 * A writer that dies is counted out {@code presence-timeout} after its last heartbeat; a writer that stops keeps its
 * row until then too (its processors may still write while it stops). The assumption: a write commits within
 * {@code presence-interval} of its check (a statement of {@code post_view} is written at the unit of work's commit).
 */
class PostViewWriters extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(PostViewWriters.class);

    private final JdbcTemplate jdbc;
    private final ClusterNode node;
    private final PostCacheProperties properties;
    private final LongSupplier nanos;
    private final long fenceNanos;
    private final Object monitor = new Object();
    private volatile Presence presence = Presence.NONE;

    /**
     * What the last successful heartbeat found: when it started, whether this process was alone, the epoch of its
     * time alone, and from when this process may write.
     */
    private record Presence(boolean beaten, long startedAt, boolean alone, long epoch, long writableFrom) {
        static final Presence NONE = new Presence(false, 0, false, 0, 0);
    }

    PostViewWriters(JdbcTemplate jdbc, ClusterNode node, PostCacheProperties properties, LongSupplier nanos) {
        super("post-view-writers", properties.presenceInterval());
        this.jdbc = jdbc;
        this.node = node;
        this.properties = properties;
        this.nanos = nanos;
        this.fenceNanos = properties.fence().toNanos();
    }

    /**
     * Early, before the event processors and the web server: a processor catching up at start writes {@code
     * post_view} at once.
     */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE / 2;
    }

    /** The first heartbeat at once, so that writes need not wait a whole interval for it. */
    @Override
    public synchronized void start() {
        try {
            beat();
        } catch (RuntimeException e) {
            log.warn(
                    "post_view writers: first heartbeat failed, the next one comes in {}: {}",
                    properties.presenceInterval(),
                    e.toString());
        }
        super.start();
    }

    @Override
    protected void round() {
        beat();
    }

    /** One heartbeat: records this process and counts the others. */
    void beat() {
        long started = nanos.getAsLong();
        jdbc.update(
                "INSERT INTO post_view_writer (node_id, last_seen) VALUES (?, now())"
                        + " ON CONFLICT (node_id) DO UPDATE SET last_seen = now()",
                node.id());
        Integer others = jdbc.queryForObject(
                "SELECT count(*) FROM post_view_writer WHERE node_id <> ?"
                        + " AND last_seen > now() - ? * interval '1 millisecond'",
                Integer.class,
                node.id(),
                properties.presenceTimeout().toMillis());
        long done = nanos.getAsLong();
        boolean alone = others != null && others == 0;
        synchronized (monitor) {
            Presence before = presence;
            // Alone without a break: the last heartbeat found it alone too and its fence had not run out yet.
            boolean unbroken = before.alone() && done - before.startedAt() < fenceNanos;
            long epoch = alone && !unbroken ? before.epoch() + 1 : before.epoch();
            long writableFrom = before.beaten() ? before.writableFrom() : (alone ? started : done + fenceNanos);
            if (!before.beaten() && !alone) {
                log.info(
                        "post_view writers: {} other(s) live; this process writes post_view from {} on",
                        others,
                        properties.fence());
            }
            if (before.alone() != alone) {
                log.info(
                        "post_view writers: {}", alone ? "alone, post reads cached" : "not alone, post reads uncached");
            }
            presence = new Presence(true, started, alone, epoch, writableFrom);
            monitor.notifyAll();
        }
        jdbc.update(
                "DELETE FROM post_view_writer WHERE last_seen < now() - ? * interval '1 millisecond'",
                properties.presenceTimeout().multipliedBy(10).toMillis());
    }

    /** The epoch this process is alone in now, or -1 when it is not (or not certain of it). */
    long aloneEpoch() {
        Presence now = presence;
        return now.alone() && nanos.getAsLong() - now.startedAt() < fenceNanos ? now.epoch() : -1;
    }

    /** Returns once this process may write {@code post_view}; throws when that did not come within the timeout. */
    void awaitWritable() {
        if (writable(presence, nanos.getAsLong())) {
            return;
        }
        long deadline = nanos.getAsLong() + properties.presenceTimeout().toNanos();
        synchronized (monitor) {
            while (true) {
                long now = nanos.getAsLong();
                Presence current = presence;
                if (writable(current, now)) {
                    return;
                }
                // A newcomer's fence is waited out whole (it ends at most a fence after its first heartbeat).
                if (now >= deadline && !(current.beaten() && now < current.writableFrom())) {
                    throw new TransientDataAccessResourceException(
                            "this process may not write post_view: its heartbeat in post_view_writer is not current");
                }
                long wait = current.beaten() && current.writableFrom() > now
                        ? current.writableFrom() - now
                        : Math.min(deadline - now, properties.presenceInterval().toNanos());
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, Math.max(wait, 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransientDataAccessResourceException("interrupted while waiting to write post_view", e);
                }
            }
        }
    }

    /** Whether this process may write {@code post_view} now (what {@link #awaitWritable()} waits for). */
    boolean mayWrite() {
        return writable(presence, nanos.getAsLong());
    }

    private boolean writable(Presence current, long now) {
        return current.beaten() && now >= current.writableFrom() && now - current.startedAt() < fenceNanos;
    }
}
