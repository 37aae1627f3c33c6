package dev.platform.infra.axon;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event stream of a tracking processor that gathers the events of a moment into one batch. A tracking processor
 * at the head takes what has arrived when it wakes: under a steady stream of writes that is one event, so each write
 * costs the processor a transaction of its own (its rows, its token update, its commit). Through this source a batch
 * that has run out of events waits up to {@code linger} (counted from the batch's first event) for more before it
 * ends, so writes that come within that time share one transaction. Each event reaches the processor at most
 * {@code linger} later; a batch that is full, or events already waiting, are not held back.
 *
 * <p>For a processor whose lateness no write waits for. It relies on how Axon's {@code TrackingEventProcessor} takes a
 * batch (4.13): it waits for the first event with {@link BlockingStream#hasNextAvailable(int, TimeUnit)} and adds
 * the next ones while {@link BlockingStream#peek()} has one; here the wait starts a batch and a {@code peek()} that
 * finds nothing waits out the rest of the batch's linger.
 */
public final class LingeringEventSource extends ForwardingEventSource {

    private final long lingerNanos;

    public LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> source, Duration linger) {
        super(source);
        this.lingerNanos = linger.toNanos();
    }

    @Override
    BlockingStream<TrackedEventMessage<?>> wrap(BlockingStream<TrackedEventMessage<?>> stream) {
        return lingerNanos <= 0 ? stream : new Lingering(stream, lingerNanos, System::nanoTime);
    }

    /** One processor thread's stream. */
    static final class Lingering extends ForwardingStream {
        private final long lingerNanos;
        private final LongSupplier nanoTime;
        /** When the current batch's linger ends; 0 until a {@code peek()} of the batch found nothing. */
        private long lingerEnds;

        Lingering(BlockingStream<TrackedEventMessage<?>> stream, long lingerNanos, LongSupplier nanoTime) {
            super(stream);
            this.lingerNanos = lingerNanos;
            this.nanoTime = nanoTime;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            lingerEnds = 0;
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            Optional<TrackedEventMessage<?>> next = stream.peek();
            if (next.isPresent()) {
                return next;
            }
            long now = nanoTime.getAsLong();
            if (lingerEnds == 0) {
                lingerEnds = now + lingerNanos;
            }
            long left = lingerEnds - now;
            if (left <= 0) {
                return next;
            }
            try {
                if (stream.hasNextAvailable(
                        (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)), TimeUnit.MILLISECONDS)) {
                    return stream.peek();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return next;
        }
    }
}
