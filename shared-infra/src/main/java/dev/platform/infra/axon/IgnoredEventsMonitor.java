package dev.platform.infra.axon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

/**
 * An event processor's message monitor (Axon's metrics) that looks at only a sample of the events the processor is
 * known to pass over: those its group applied inline ({@link InlineProjections}) and those of a payload type none of
 * its handlers takes. Axon's Micrometer monitors look their meters up in the registry for every event, several per
 * monitor; every processor of the application met every appended event, so under a stream of writes that was about
 * a seventh of the JVM's CPU per write, mostly for events the processors then ignored. At most one such event per
 * {@value #SAMPLE_MILLIS} ms is monitored, so the processor's latency gauge (the age of the last event it met) stays
 * fresh; its count of ignored events becomes a sample. Every event the processor may handle is monitored as before.
 */
final class IgnoredEventsMonitor implements MessageMonitor<Message<?>> {

    static final long SAMPLE_MILLIS = 100;

    private final MessageMonitor<Message<?>> monitor;
    private final String processor;
    private final Supplier<EventHandlerInvoker> invoker;
    private final LongSupplier nanoTime;
    private final long sampleNanos = TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS);
    private final Map<Class<?>, Boolean> takenTypes = new ConcurrentHashMap<>();
    private final AtomicLong lastSampled;

    /**
     * @param invoker the processor's handlers, or null while (or where) they are not known: then only what its group
     *     applied inline counts as passed over
     */
    IgnoredEventsMonitor(
            MessageMonitor<Message<?>> monitor,
            String processor,
            Supplier<EventHandlerInvoker> invoker,
            LongSupplier nanoTime) {
        this.monitor = monitor;
        this.processor = processor;
        this.invoker = invoker;
        this.nanoTime = nanoTime;
        this.lastSampled = new AtomicLong(nanoTime.getAsLong() - sampleNanos);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        if (passedOver(message)) {
            long now = nanoTime.getAsLong();
            long last = lastSampled.get();
            if (now - last < sampleNanos || !lastSampled.compareAndSet(last, now)) {
                return NoOpMessageMonitorCallback.INSTANCE;
            }
        }
        return monitor.onMessageIngested(message);
    }

    private boolean passedOver(Message<?> message) {
        if (InlineProjections.passesOver(processor, message)) {
            return true;
        }
        Boolean taken = takenTypes.get(message.getPayloadType());
        if (taken == null) {
            EventHandlerInvoker handlers = invoker.get();
            if (handlers == null) {
                return false;
            }
            taken = handlers.canHandleType(message.getPayloadType());
            takenTypes.put(message.getPayloadType(), taken);
        }
        return !taken;
    }
}
