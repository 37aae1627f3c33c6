package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

/**
 * How a batch lingers, with the stream and the clock in the test's hands: an event that is there is taken at once;
 * a batch that has run out waits for more up to the linger counted from its first empty look, in one or several
 * waits, and not at all once it is over; the next batch (its first wait) lingers afresh.
 */
class LingeringEventSourceTest {

    private static final long LINGER = TimeUnit.MILLISECONDS.toNanos(5);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ScriptedStream stream = new ScriptedStream();
    private final LingeringEventSource.Lingering lingering =
            new LingeringEventSource.Lingering(stream, LINGER, now::get);

    @Test
    void anEventThatIsThereIsTakenWithoutWaiting() throws Exception {
        TrackedEventMessage<?> first = stream.add(1);
        assertThat(lingering.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(lingering.peek()).contains(first);
        assertThat(stream.waits).containsExactly(1000L);
    }

    @Test
    void aBatchThatRanOutWaitsForTheRestOfItsLingerAndTakesWhatArrives() throws Exception {
        lingering.hasNextAvailable(1000, TimeUnit.MILLISECONDS);
        TrackedEventMessage<?> late = stream.arrivesDuringNextWait(2);
        assertThat(lingering.peek()).contains(late);
        assertThat(stream.waits).containsExactly(1000L, 5L);

        stream.nextAvailable();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(3));
        assertThat(lingering.peek()).isEmpty();
        assertThat(stream.waits).containsExactly(1000L, 5L, 2L);

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
        assertThat(lingering.peek()).isEmpty();
        assertThat(stream.waits)
                .as("the linger is over: no more waits in this batch")
                .hasSize(3);
    }

    @Test
    void theNextBatchLingersAfresh() throws Exception {
        lingering.hasNextAvailable(1000, TimeUnit.MILLISECONDS);
        assertThat(lingering.peek()).isEmpty();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
        assertThat(lingering.peek()).isEmpty();
        lingering.hasNextAvailable(1000, TimeUnit.MILLISECONDS);
        assertThat(lingering.peek()).isEmpty();
        assertThat(stream.waits).containsExactly(1000L, 5L, 1000L, 5L);
    }

    /** A stream whose events the test adds; each timed wait is recorded and returns at once. */
    private static final class ScriptedStream implements BlockingStream<TrackedEventMessage<?>> {
        final List<Long> waits = new ArrayList<>();
        private final Deque<TrackedEventMessage<?>> available = new ArrayDeque<>();
        private TrackedEventMessage<?> arriving;

        TrackedEventMessage<?> add(long index) {
            TrackedEventMessage<?> event = event(index);
            available.add(event);
            return event;
        }

        TrackedEventMessage<?> arrivesDuringNextWait(long index) {
            arriving = event(index);
            return arriving;
        }

        private static TrackedEventMessage<?> event(long index) {
            return new GenericTrackedEventMessage<>(
                    new GlobalSequenceTrackingToken(index), GenericEventMessage.asEventMessage("event " + index));
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(available.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            waits.add(unit.toMillis(timeout));
            if (arriving != null) {
                available.add(arriving);
                arriving = null;
            }
            return !available.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return available.poll();
        }

        @Override
        public void close() {}
    }
}
