package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;
import org.junit.jupiter.api.Test;

/**
 * Which events reach Axon's monitors of a processor, with the clock in the test's hands: every event the processor
 * may handle; of those it passes over (applied inline by its group, or of a type none of its handlers takes) one per
 * 100 ms; and while its handlers are not known, everything but what its group applied inline.
 */
class IgnoredEventsMonitorTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final List<Object> monitored = new ArrayList<>();
    private final AtomicReference<EventHandlerInvoker> handlers = new AtomicReference<>(handlersOf(String.class));
    private final IgnoredEventsMonitor monitor = new IgnoredEventsMonitor(
            message -> {
                monitored.add(message.getPayload());
                return NoOpMessageMonitorCallback.INSTANCE;
            },
            "posts",
            handlers::get,
            now::get);

    @Test
    void everyEventTheProcessorMayHandleIsMonitored() {
        monitor.onMessageIngested(event("a", null));
        monitor.onMessageIngested(event("b", null));
        monitor.onMessageIngested(event("c", "users"));

        assertThat(monitored).containsExactly("a", "b", "c");
    }

    @Test
    void ofTheEventsItPassesOverOnePer100MillisecondsIsMonitored() {
        monitor.onMessageIngested(event("inline 1", "posts,users"));
        monitor.onMessageIngested(event("inline 2", "posts,users"));
        monitor.onMessageIngested(event(42L, null));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(99));
        monitor.onMessageIngested(event(43L, null));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        monitor.onMessageIngested(event(44L, null));
        monitor.onMessageIngested(event("handled", null));

        assertThat(monitored).containsExactly("inline 1", 44L, "handled");
    }

    @Test
    void whileItsHandlersAreNotKnownOnlyWhatItsGroupAppliedInlineIsPassedOver() {
        handlers.set(null);
        monitor.onMessageIngested(event("inline 1", "posts"));
        monitor.onMessageIngested(event("inline 2", "posts"));
        monitor.onMessageIngested(event(42L, null));
        monitor.onMessageIngested(event(43L, null));

        assertThat(monitored).containsExactly("inline 1", 42L, 43L);
    }

    private static EventMessage<?> event(Object payload, String appliedInline) {
        EventMessage<?> event = GenericEventMessage.asEventMessage(payload);
        return appliedInline == null
                ? event
                : event.andMetaData(Map.of(InlineProjections.APPLIED_INLINE, appliedInline));
    }

    /** Handlers that take payloads of this type only. */
    private static EventHandlerInvoker handlersOf(Class<?> type) {
        return new EventHandlerInvoker() {
            @Override
            public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
                return canHandleType(eventMessage.getPayloadType());
            }

            @Override
            public boolean canHandleType(Class<?> payloadType) {
                return type.isAssignableFrom(payloadType);
            }

            @Override
            public void handle(EventMessage<?> message, Segment segment) {}
        };
    }
}
