package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.junit.jupiter.api.Test;

/**
 * {@link MeteredMessages} gives the series Axon's own dimensional monitors give (names, tags, counts, recorded
 * times), with the clock in the test's hands.
 */
class MeteredMessagesTest {

    record Created(String id) {}

    record Deleted(String id) {}

    private final MockClock clock = new MockClock();

    /**
     * Drives Axon's dimensional monitor of a component and ours with the same messages, checks that they show the same
     * series, and gives our registry.
     */
    private MeterRegistry sameSeriesAsAxons(
            Class<?> type,
            String name,
            Function<MeterRegistry, MeteredMessages> monitor,
            Supplier<List<Message<?>>> messages) {
        MeterRegistry axons = registry();
        MeterRegistry ours = registry();

        drive(axonsMonitor(axons, type, name), messages.get());
        drive(monitor.apply(ours), messages.get());

        assertThat(series(ours)).isEqualTo(series(axons)).isNotEmpty();
        return ours;
    }

    @Test
    void aCommandBusShowsTheSeriesOfAxonsMonitor() {
        MeterRegistry ours = sameSeriesAsAxons(
                CommandBus.class,
                "commandBus",
                registry -> MeteredMessages.commandBus(registry, "commandBus"),
                this::commands);

        assertThat(ours.get("commandBus.successCounter")
                        .tag("payloadType", "Created")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(ours.get("commandBus.allTimer")
                        .tag("payloadType", "Created")
                        .timer()
                        .totalTime(TimeUnit.MILLISECONDS))
                .as("two successes and a failure of 7 ms")
                .isEqualTo(21.0);
    }

    @Test
    void anEventStoreShowsTheSeriesOfAxonsMonitor() {
        MeterRegistry ours = sameSeriesAsAxons(
                EventBus.class,
                "eventStore",
                registry -> MeteredMessages.eventBus(registry, "eventStore"),
                this::events);

        assertThat(ours.find("eventStore.capacity").gauge()).isNull();
    }

    @Test
    void anEventProcessorShowsTheSeriesOfAxonsMonitorAndTheAgeOfTheLastEventItMet() {
        MeterRegistry ours = sameSeriesAsAxons(
                EventProcessor.class,
                "posts",
                registry -> MeteredMessages.eventProcessor(registry, "posts"),
                this::events);

        assertThat(ours.get("eventProcessor.ignoredCounter")
                        .tags("processorName", "posts", "payloadType", "Deleted")
                        .counter()
                        .count())
                .isEqualTo(1);
        // The events were stamped at the clock's start; the last was met after 3 × 7 ms.
        assertThat(ours.get("eventProcessor.latency")
                        .tags("processorName", "posts")
                        .gauge()
                        .value())
                .isEqualTo(21);
    }

    @Test
    void theCapacityIsTheShareOfTheLastTenMinutesSpentOnMessagesOfAType() {
        MeterRegistry registry = registry();
        MeteredMessages monitor = MeteredMessages.commandBus(registry, "commandBus");

        for (int i = 0; i < 3; i++) {
            MonitorCallback callback = monitor.onMessageIngested(command(new Created("c" + i)));
            clock.add(Duration.ofSeconds(20));
            callback.reportSuccess();
        }

        assertThat(capacity(registry)).isCloseTo(60.0 / 600, within(1e-9));
        clock.add(Duration.ofMinutes(9).plusSeconds(20));
        assertThat(capacity(registry))
                .as("the first message's bucket has left the window")
                .isCloseTo(40.0 / 600, within(1e-9));

        MonitorCallback callback = monitor.onMessageIngested(command(new Created("late")));
        clock.add(Duration.ofSeconds(5));
        callback.reportFailure(new IllegalStateException("refused"));
        assertThat(capacity(registry))
                .as("its bucket's slot, taken again, started empty")
                .isCloseTo(45.0 / 600, within(1e-9));
        clock.add(Duration.ofMinutes(10));
        assertThat(capacity(registry)).isZero();
    }

    private double capacity(MeterRegistry registry) {
        return registry.get("commandBus.capacity")
                .tag("payloadType", "Created")
                .gauge()
                .value();
    }

    /** Each message handled in 7 ms: the first two of a type succeed, the third fails, the fourth is ignored. */
    private void drive(MessageMonitor<Message<?>> monitor, List<Message<?>> messages) {
        for (int i = 0; i < messages.size(); i++) {
            MonitorCallback callback = monitor.onMessageIngested(messages.get(i));
            clock.add(7, TimeUnit.MILLISECONDS);
            switch (i % 4) {
                case 0, 1 -> callback.reportSuccess();
                case 2 -> callback.reportFailure(new IllegalStateException("refused"));
                default -> callback.reportIgnored();
            }
        }
    }

    private List<Message<?>> commands() {
        return List.of(
                command(new Created("a")),
                command(new Created("b")),
                command(new Created("c")),
                command(new Deleted("a")));
    }

    private List<Message<?>> events() {
        return List.of(
                event(new Created("a")), event(new Created("b")), event(new Deleted("c")), event(new Deleted("a")));
    }

    private static Message<?> command(Object payload) {
        return GenericCommandMessage.asCommandMessage(payload);
    }

    private EventMessage<?> event(Object payload) {
        return new GenericEventMessage<>(
                UUID.randomUUID().toString(), payload, Map.of(), Instant.ofEpochMilli(clock.wallTime()));
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> axonsMonitor(MeterRegistry registry, Class<?> type, String name) {
        return (MessageMonitor<Message<?>>)
                new GlobalMetricRegistry(registry).registerComponentWithDefaultTags(type, name);
    }

    private MeterRegistry registry() {
        return new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    }

    /**
     * Every meter by its name, type and tags, with its counts (Axon's monitors time with the system's clock, so their
     * times and gauges are not the test's).
     */
    private static Map<String, String> series(MeterRegistry registry) {
        Map<String, String> series = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            StringBuilder counts = new StringBuilder(meter.getId().getType().name());
            meter.measure().forEach(measured -> {
                if (measured.getStatistic() == Statistic.COUNT) {
                    counts.append(" count=").append(measured.getValue());
                }
            });
            series.put(meter.getId().getName() + meter.getId().getTags(), counts.toString());
        }
        return series;
    }
}
