package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How a thread of an inline group's streaming processor waits, with the stream and the sleeps in the test's hands:
 * while pacing, a thread that finds no event looks again every wake interval (sleeping, not waiting on the stream,
 * which would wake it at the next read of the store's head) and takes what arrived meanwhile; an event that is there
 * is taken without a sleep; without pacing it waits on the stream as before, also when pacing ends during its wait;
 * and no wait outlasts the caller's timeout.
 */
class InlineGroupEventSourceTest {

    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(20);

    private final List<Long> sleeps = new ArrayList<>();
    private final ScriptedEventStream stream = new ScriptedEventStream();
    private final Deque<Boolean> pacing = new ArrayDeque<>();
    private final InlineGroupEventSource.Paced paced = new InlineGroupEventSource.Paced(
            stream, () -> pacing.size() > 1 ? pacing.poll() : pacing.peek(), INTERVAL, nanos -> {
                sleeps.add(TimeUnit.NANOSECONDS.toMillis(nanos));
                stream.look();
            });

    @Test
    void whilePacingAThreadLooksEveryIntervalWithoutWaitingOnTheStreamAndTakesWhatArrived() throws Exception {
        pacing.add(true);
        stream.arrivesAfter(2, "event 1");

        assertThat(paced.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(sleeps).containsExactly(20L, 20L);
        assertThat(stream.waits)
                .as("no wait on the stream: every read of the head would wake it")
                .isEmpty();
        assertThat(paced.nextAvailable().getPayload()).isEqualTo("event 1");
    }

    @Test
    void anEventThatIsThereIsTakenWithoutSleeping() throws Exception {
        pacing.add(true);
        stream.add("event 1");

        assertThat(paced.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(sleeps).isEmpty();
        assertThat(stream.waits).isEmpty();
    }

    @Test
    void withoutPacingAThreadWaitsOnTheStreamAsBefore() throws Exception {
        pacing.add(false);
        stream.arrivesAfter(1, "event 1");

        assertThat(paced.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(sleeps).isEmpty();
        assertThat(stream.waits).containsExactly(1000L);
    }

    @Test
    void whenPacingEndsDuringAWaitTheRestOfTheTimeoutIsWaitedOnTheStream() throws Exception {
        pacing.addAll(List.of(true, false));

        assertThat(paced.hasNextAvailable(1000, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(sleeps).containsExactly(20L);
        assertThat(stream.waits).containsExactly(980L);
    }

    @Test
    void theLooksNeverOutlastTheCallersTimeout() throws Exception {
        pacing.add(true);

        assertThat(paced.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(sleeps).containsExactly(20L, 20L, 10L);
        assertThat(stream.waits).isEmpty();
    }
}
