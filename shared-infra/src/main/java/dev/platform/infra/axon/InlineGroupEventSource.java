package dev.platform.infra.axon;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event stream of the streaming processor of a group a write may apply inline ({@link InlineProjections}). While
 * its process applies the group inline and writes, such a processor meets almost only events it passes over, or does
 * not even see (a type none of its handlers takes), yet each of its threads waiting on the stream was woken by every
 * read of the store's head: under a stream of writes, one wake-up per read per thread, for nothing. Through this
 * source a thread that finds no event then looks again every {@code wakeInterval} instead of waiting on the stream,
 * and takes what arrived meanwhile at once. Whenever {@code pacing} says otherwise (a process that does not apply the
 * group inline, as a split deployment's query side, or one that has not written for a second) it waits on the stream
 * as before and wakes at once. An event not applied inline (another process's, a seed in SQL) that arrives while
 * the threads look every interval reaches its processor at most {@code wakeInterval} later.
 *
 * <p>It relies on how Axon's {@code TrackingEventProcessor} (4.13) waits: with {@link
 * BlockingStream#hasNextAvailable(int, TimeUnit)} before it takes an event.
 */
public final class InlineGroupEventSource extends ForwardingEventSource {

    private final BooleanSupplier pacing;
    private final long wakeIntervalNanos;

    /**
     * @param pacing whether the threads look every {@code wakeInterval} now (asked at every look)
     * @param wakeInterval 0: they always wait on the stream
     */
    public InlineGroupEventSource(
            StreamableMessageSource<TrackedEventMessage<?>> source, BooleanSupplier pacing, Duration wakeInterval) {
        super(source);
        this.pacing = pacing;
        this.wakeIntervalNanos = wakeInterval.toNanos();
    }

    @Override
    BlockingStream<TrackedEventMessage<?>> wrap(BlockingStream<TrackedEventMessage<?>> stream) {
        return wakeIntervalNanos <= 0
                ? stream
                : new Paced(stream, pacing, wakeIntervalNanos, TimeUnit.NANOSECONDS::sleep);
    }

    /** Sleeps for so many nanoseconds (a test counts instead). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    /** One processor thread's stream. */
    static final class Paced extends ForwardingStream {
        private final BooleanSupplier pacing;
        private final long wakeIntervalNanos;
        private final Sleeper sleeper;

        Paced(
                BlockingStream<TrackedEventMessage<?>> stream,
                BooleanSupplier pacing,
                long wakeIntervalNanos,
                Sleeper sleeper) {
            super(stream);
            this.pacing = pacing;
            this.wakeIntervalNanos = wakeIntervalNanos;
            this.sleeper = sleeper;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long left = unit.toNanos(timeout);
            while (!stream.hasNextAvailable()) {
                if (left <= 0) {
                    return false;
                }
                if (!pacing.getAsBoolean()) {
                    return stream.hasNextAvailable(
                            (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)), TimeUnit.MILLISECONDS);
                }
                // A sleep, not a wait on the stream: the store's reader does not wake this thread meanwhile.
                long sleep = Math.min(wakeIntervalNanos, left);
                sleeper.sleep(sleep);
                left -= sleep;
            }
            return true;
        }
    }
}
