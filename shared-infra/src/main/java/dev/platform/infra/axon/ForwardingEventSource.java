package dev.platform.infra.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * An event source that hands a tracking processor the streams of another ({@link #source}), each wrapped by {@link
 * #wrap}; the positions ({@code create...Token}) are the other source's. The base of the platform's sources that change
 * how a processor's thread waits ({@link LingeringEventSource}, {@link InlineGroupEventSource}).
 */
abstract class ForwardingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> source;

    ForwardingEventSource(StreamableMessageSource<TrackedEventMessage<?>> source) {
        this.source = source;
    }

    /** The stream a processor's thread reads: {@code stream} itself, or a wrapper of it. */
    abstract BlockingStream<TrackedEventMessage<?>> wrap(BlockingStream<TrackedEventMessage<?>> stream);

    @Override
    public final BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return wrap(source.openStream(trackingToken));
    }

    @Override
    public final TrackingToken createTailToken() {
        return source.createTailToken();
    }

    @Override
    public final TrackingToken createHeadToken() {
        return source.createHeadToken();
    }

    @Override
    public final TrackingToken createTokenAt(Instant dateTime) {
        return source.createTokenAt(dateTime);
    }

    @Override
    public final TrackingToken createTokenSince(Duration duration) {
        return source.createTokenSince(duration);
    }

    /**
     * A stream that does what {@code stream} does, for a wrapper to change one or two of its methods. One processor
     * thread's stream: not shared between threads, as Axon's streams are not.
     */
    abstract static class ForwardingStream implements BlockingStream<TrackedEventMessage<?>> {
        final BlockingStream<TrackedEventMessage<?>> stream;

        ForwardingStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }
    }
}
