package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.ChannelCallback;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The dispatcher's walk over a post's selected deliveries: batch by batch in subscriber order, each batch
 * confirmed by RabbitMQ before it is marked queued, with a lease that grows with the queue ahead of it. RabbitMQ
 * and the ledger are stand-ins here (the real ones are the end-to-end tests'); the walk is what is tested.
 */
class DispatcherTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final UUID POST = UUID.fromString("00000000-0000-0000-0000-00000000a001");

    private final NotificationProperties properties = NotificationDefaults.with(Map.of("dispatch-batch", "2"));
    private final FakeLedger ledger = new FakeLedger();
    private final RabbitTemplate rabbit = mock(RabbitTemplate.class);
    private final RabbitOperations operations = mock(RabbitOperations.class);
    /** What happened, in order: "send <subscriber>", "confirm", "queued <n>". */
    private final List<String> steps = new ArrayList<>();

    private final Dispatcher dispatcher = new Dispatcher(
            ledger, rabbit, properties, mock(PlatformTransactionManager.class), Clock.fixed(NOW, ZoneOffset.UTC));

    /** RabbitMQ that takes every message and confirms, with {@code depth} messages already in the work queue. */
    private void rabbitTakesAll(long depth) throws Exception {
        when(rabbit.invoke(any(RabbitOperations.OperationsCallback.class)))
                .thenAnswer(call -> call.<RabbitOperations.OperationsCallback<?>>getArgument(0)
                        .doInRabbit(operations));
        when(rabbit.execute(any(ChannelCallback.class))).thenReturn(depth);
        doAnswer(call -> steps.add(
                        "send " + DeliveryJob.from(call.getArgument(2)).subscriberId()))
                .when(operations)
                .send(anyString(), anyString(), any(Message.class));
        doAnswer(call -> steps.add("confirm")).when(operations).waitForConfirmsOrDie(anyLong());
    }

    private List<UUID> subscribers(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> UUID.fromString("00000000-0000-0000-0000-%012d".formatted(i)))
                .toList();
    }

    @Test
    void everySelectedDeliveryIsPublishedInConfirmedBatchesEachMarkedQueuedAfterItsConfirm() throws Exception {
        List<UUID> five = subscribers(5);
        ledger.selected.addAll(five);
        rabbitTakesAll(0);

        assertThat(dispatcher.dispatch(POST, "req-1")).isTrue();

        assertThat(steps)
                .containsExactly(
                        "send " + five.get(0),
                        "send " + five.get(1),
                        "confirm",
                        "queued 2",
                        "send " + five.get(2),
                        "send " + five.get(3),
                        "confirm",
                        "queued 2",
                        "send " + five.get(4),
                        "confirm",
                        "queued 1");
        assertThat(ledger.selected).isEmpty();
        verify(operations, times(5))
                .send(
                        eq(properties.exchange()),
                        eq(NotificationTopology.EMAIL_ROUTING_KEY),
                        argThat((Message message) -> "req-1"
                                .equals(message.getMessageProperties().getHeader(DeliveryJob.REQUEST_ID_HEADER))));
    }

    @Test
    // A walk that started again from the first selected row would never end; it runs on a thread of its own so
    // that the timeout can abandon it.
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDeliveryLeftSelectedBehindTheWalkIsNotPublishedAgainInTheSameWalk() throws Exception {
        List<UUID> three = subscribers(3);
        ledger.selected.addAll(three);
        // A worker held this row while its batch was marked (SKIP LOCKED): it stays selected for the next check.
        ledger.skipped.add(three.get(0));
        rabbitTakesAll(0);

        assertThat(dispatcher.dispatch(POST, null)).isTrue();

        assertThat(steps.stream().filter(step -> step.startsWith("send ")))
                .containsExactly("send " + three.get(0), "send " + three.get(1), "send " + three.get(2));
        assertThat(ledger.selected).containsExactly(three.get(0));
    }

    @Test
    void eachBatchsLeaseCoversTheQueueAheadOfItAtThePlatformRate() throws Exception {
        ledger.selected.addAll(subscribers(3));
        rabbitTakesAll(100);

        dispatcher.dispatch(POST, null);

        // 100 waiting, then 2 and 1 more: twice their time at the rate (2000 ms / rate per message) plus the margin.
        double perMessage = 2000.0 / properties.ratePerSecond();
        assertThat(ledger.leases)
                .containsExactly(
                        NOW.plus(properties.queueLeaseMargin()).plusMillis((long) Math.ceil(102 * perMessage)),
                        NOW.plus(properties.queueLeaseMargin()).plusMillis((long) Math.ceil(103 * perMessage)));
        // The queue depth is asked once per walk, not once per batch.
        verify(rabbit, times(1)).execute(any(ChannelCallback.class));
    }

    @Test
    void withNothingSelectedRabbitMqIsNotAsked() {
        assertThat(dispatcher.dispatch(POST, null)).isTrue();

        verifyNoInteractions(rabbit);
    }

    @Test
    void withRabbitMqDownNothingIsMarkedAndTheCallerIsTold() throws Exception {
        ledger.selected.addAll(subscribers(3));
        when(rabbit.invoke(any(RabbitOperations.OperationsCallback.class)))
                .thenThrow(new AmqpConnectException(new java.net.ConnectException("refused")));

        assertThat(dispatcher.dispatch(POST, null)).isFalse();

        assertThat(ledger.leases).isEmpty();
        assertThat(ledger.selected).hasSize(3);
    }

    @Test
    void aLedgerFailureStopsTheWalkWithoutThrowing() throws Exception {
        ledger.selected.addAll(subscribers(3));
        rabbitTakesAll(0);
        ledger.failMarking = true;

        assertThat(dispatcher.dispatch(POST, null)).isFalse();

        // The first batch went out but was not marked; the walk stopped there.
        assertThat(steps)
                .containsExactly(
                        "send " + subscribers(3).get(0),
                        "send " + subscribers(3).get(1),
                        "confirm");
    }

    @Test
    void aLedgerThatCannotBeReadIsReportedAndNothingIsPublished() {
        ledger.failReading = true;

        assertThat(dispatcher.dispatch(POST, null)).isFalse();

        verifyNoInteractions(rabbit);
    }

    /** The ledger's selected deliveries of the post in memory, with its key order and conditional mark. */
    private final class FakeLedger extends DeliveryLedger {
        final NavigableSet<UUID> selected = new TreeSet<>();
        final Set<UUID> skipped = new TreeSet<>();
        final List<Instant> leases = new ArrayList<>();
        boolean failReading;
        boolean failMarking;

        FakeLedger() {
            super(null, null);
        }

        @Override
        List<UUID> selected(UUID postId, UUID after, int limit) {
            if (failReading) {
                throw new DataAccessResourceFailureException("connection lost");
            }
            assertThat(postId).isEqualTo(POST);
            return (after == null ? selected : selected.tailSet(after, false))
                    .stream().limit(limit).toList();
        }

        @Override
        void markQueued(UUID postId, List<UUID> subscribers, Instant leaseUntil) {
            if (failMarking) {
                throw new DataAccessResourceFailureException("connection lost");
            }
            subscribers.stream()
                    .filter(subscriber -> !skipped.contains(subscriber))
                    .forEach(selected::remove);
            leases.add(leaseUntil);
            steps.add("queued " + subscribers.size());
        }
    }
}
