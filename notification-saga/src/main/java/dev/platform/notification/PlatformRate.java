package dev.platform.notification;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Paces this node's e-mails so that all nodes together send at most {@code rate-per-second}: each e-mail spends a
 * token of the platform's bucket in PostgreSQL ({@link SharedRateBucket}). A round trip per e-mail would cost as
 * much as the e-mail's own ledger statement, so a node takes up to {@code chunk} tokens per trip and spends them
 * here, one thread at a time going to the database while the others wait for what it brings.
 *
 * <p>Why at most {@code rate + 3 × chunk} e-mails go out in any one second: the shared bucket holds at most
 * {@link #capacity two chunks}, so at most {@code 2 × chunk + rate × t} are taken in any time {@code t}; and a
 * node spends a token within {@code hold = chunk / rate} seconds of taking it, or drops it. The e-mails of a
 * one-second window were therefore taken within {@code 1 + hold} seconds: {@code 2 × chunk + rate + chunk}. With
 * the default chunk of {@code rate / 50}, that is 1.06 × the rate. That leaves room within the 1.1 × allowed for
 * the spread in the time an e-mail takes from its token to the server.
 *
 * <p>Why two chunks: a node that found the bucket short comes back when it should hold a chunk again. Were a chunk
 * all it could hold, every moment of lateness (the round trip, a busy machine) would be refill lost to the cap; a
 * bucket of one chunk at 100/s lost 10 to 15 % of the rate in the end-to-end test.
 *
 * <p>A node that cannot reach the database sends nothing: the failure of the trip is the failure of
 * {@link #acquire}, and the worker puts its message back.
 */
final class PlatformRate {

    /** Where tokens come from: one take from the shared bucket, one database round trip. */
    @FunctionalInterface
    interface Source {
        SharedRateBucket.Grant take(int wanted);
    }

    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Source source;
    private final LongSupplier clock;
    private final double ratePerSecond;
    private final int chunk;
    private final long holdNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Tokens taken and not yet spent, good until {@code expiresAt}. */
    private int tokens;

    private long expiresAt;
    /** The last trip: what it asked for, what it got, how much of that was spent. */
    private int wanted;

    private int granted;
    private int spent;
    /** A thread is on its way to the database. */
    private boolean taking;
    /** No trip before this: the shared bucket was short at the last one. */
    private long nextTakeAt;
    /** Threads in {@link #acquire} now. */
    private int waiting;

    /**
     * @param ratePerSecond the platform's rate; 0 or less turns pacing off (no trips at all)
     * @param chunk the most tokens taken per trip (the shared bucket holds {@link #capacity two}); 0 or less: {@link
     *     #defaultChunk}
     */
    PlatformRate(Source source, double ratePerSecond, int chunk) {
        this(source, ratePerSecond, chunk, System::nanoTime);
    }

    /** With a clock of its own ({@link System#nanoTime} in production) for the hold time and the next trip. */
    PlatformRate(Source source, double ratePerSecond, int chunk, LongSupplier clock) {
        this.source = source;
        this.clock = clock;
        this.ratePerSecond = ratePerSecond;
        this.chunk = chunk > 0 ? chunk : defaultChunk(ratePerSecond);
        this.holdNanos = (long) (this.chunk / Math.max(ratePerSecond, 1e-9) * TimeUnit.SECONDS.toNanos(1));
        this.wanted = this.chunk;
        this.nextTakeAt = clock.getAsLong();
    }

    /** A fiftieth of the rate, at least 1: at most 6 % over the rate in any second, a few dozen trips a second. */
    static int defaultChunk(double ratePerSecond) {
        return (int) Math.max(1, Math.floor(ratePerSecond / 50));
    }

    /** The shared bucket's capacity for a chunk: two chunks (see above). */
    static int capacity(int chunk) {
        return 2 * chunk;
    }

    int chunk() {
        return chunk;
    }

    boolean enabled() {
        return ratePerSecond > 0;
    }

    /**
     * Blocks until this node holds a token of the platform's bucket, then spends it.
     *
     * @throws org.springframework.dao.DataAccessException when the shared bucket cannot be reached
     */
    void acquire() throws InterruptedException {
        if (!enabled()) {
            return;
        }
        lock.lockInterruptibly();
        waiting++;
        try {
            while (true) {
                long now = clock.getAsLong();
                if (tokens > 0 && now - expiresAt < 0) {
                    tokens--;
                    spent++;
                    return;
                }
                if (taking) {
                    changed.await();
                } else if (nextTakeAt - now > 0) {
                    changed.awaitNanos(nextTakeAt - now);
                } else {
                    take();
                }
            }
        } finally {
            waiting--;
            lock.unlock();
        }
    }

    /** One trip to the shared bucket; called holding the lock, which it lets go of during the trip. */
    private void take() {
        wanted = nextWanted();
        tokens = 0;
        taking = true;
        lock.unlock();
        SharedRateBucket.Grant grant;
        try {
            grant = source.take(wanted);
        } finally {
            lock.lock();
            taking = false;
            changed.signalAll();
        }
        long now = clock.getAsLong();
        tokens = grant.granted();
        granted = grant.granted();
        spent = 0;
        expiresAt = now + holdNanos;
        if (grant.granted() < wanted) {
            // The bucket was short: the other nodes take their share. Come back when it should be full again
            // (about the hold time), so that a node makes a few trips a second whatever the rate, not one per
            // token that trickles in.
            long refill = (long) ((chunk - grant.remaining()) / ratePerSecond * TimeUnit.SECONDS.toNanos(1));
            nextTakeAt = now + Math.max(MIN_WAIT_NANOS, refill);
        }
    }

    /**
     * How many tokens to ask for: a node that spent all it got asks for twice as much as last time (up to the
     * chunk); one that let tokens expire asks only for what it spent, or for the threads waiting now. Tokens a
     * node takes and drops are lost to the other nodes, so a node asks for what it can spend within the hold time.
     */
    private int nextWanted() {
        if (granted == 0 || spent >= granted) {
            return granted == 0 ? wanted : Math.min(chunk, 2 * wanted);
        }
        return Math.min(chunk, Math.max(1, Math.max(spent, waiting)));
    }
}
