package dev.platform.infra.axon;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * An event stream whose events a test adds, for the sources that change how a processor's thread waits: a timed wait
 * is recorded (in ms) and returns at once; an event the test announces arrives at the wait (or the test's own sleep,
 * through {@link #look()}) it names.
 */
final class ScriptedEventStream implements BlockingStream<TrackedEventMessage<?>> {

    final List<Long> waits = new ArrayList<>();
    private final Deque<TrackedEventMessage<?>> available = new ArrayDeque<>();
    private TrackedEventMessage<?> arriving;
    private int looksLeft;
    private long index;

    /** An event that is there now. */
    TrackedEventMessage<?> add(String payload) {
        TrackedEventMessage<?> event = event(payload);
        available.add(event);
        return event;
    }

    /** An event that arrives at the {@code looks}-th wait or {@link #look()} from now. */
    TrackedEventMessage<?> arrivesAfter(int looks, String payload) {
        arriving = event(payload);
        looksLeft = looks;
        return arriving;
    }

    /** A look at the stream that is no wait on it (a sleep): an announced event may arrive. */
    void look() {
        if (arriving != null && --looksLeft == 0) {
            available.add(arriving);
            arriving = null;
        }
    }

    private TrackedEventMessage<?> event(String payload) {
        return new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(++index), GenericEventMessage.asEventMessage(payload));
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        return Optional.ofNullable(available.peek());
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) {
        waits.add(unit.toMillis(timeout));
        look();
        return !available.isEmpty();
    }

    @Override
    public boolean hasNextAvailable() {
        return !available.isEmpty();
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() {
        return available.poll();
    }

    @Override
    public void close() {}
}
