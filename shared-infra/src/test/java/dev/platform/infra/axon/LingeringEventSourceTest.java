package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
    private final ScriptedEventStream stream = new ScriptedEventStream();
    private final LingeringEventSource.Lingering lingering =
            new LingeringEventSource.Lingering(stream, LINGER, now::get);

    @Test
    void anEventThatIsThereIsTakenWithoutWaiting() throws Exception {
        TrackedEventMessage<?> first = stream.add("event 1");
        assertThat(lingering.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(lingering.peek()).contains(first);
        assertThat(stream.waits).containsExactly(1000L);
    }

    @Test
    void aBatchThatRanOutWaitsForTheRestOfItsLingerAndTakesWhatArrives() throws Exception {
        lingering.hasNextAvailable(1000, TimeUnit.MILLISECONDS);
        TrackedEventMessage<?> late = stream.arrivesAfter(1, "event 2");
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
}
