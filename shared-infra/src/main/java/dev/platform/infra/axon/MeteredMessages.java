package dev.platform.infra.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The series Axon's Micrometer module gives a component with {@code axon.metrics.micrometer.dimensional=true}, with
 * the meters of a payload type found once: the same names and tags ({@code <prefix>.allTimer}, {@code successTimer},
 * {@code failureTimer}, {@code ignoredTimer} with the same percentiles; {@code ingestedCounter}, {@code
 * successCounter}, {@code failureCounter}, {@code processedCounter}, {@code ignoredCounter}, by payload type but on an
 * event bus; {@code capacity} but on an event bus; and for an event processor {@code latency}, the age of the last
 * event it met, tagged with the processor's name only and registered with the monitor, where Axon's appears with
 * the first event). Axon's monitors build each meter's name and tags and look it up in the registry for every
 * message, four monitors at a time, and its capacity monitor keeps every duration of its ten-minute window in a
 * sorted map: under writes they took 9 % of the JVM's CPU (issue 17, docs/decisions.md). Here a message costs a map
 * lookup by its payload class and the recordings themselves, and the capacity (the share of the window the component
 * spent on messages of a type) is summed in sixty buckets of ten seconds, so its memory does not grow with the load.
 */
final class MeteredMessages implements MessageMonitor<Message<?>> {

    static final String PAYLOAD_TYPE = "payloadType";
    static final String PROCESSOR_NAME = "processorName";
    static final Duration CAPACITY_WINDOW = Duration.ofMinutes(10);

    private final MeterRegistry registry;
    private final Clock clock;
    private final String prefix;
    private final Tags componentTags;
    private final boolean capacity;
    private final boolean countedByType;
    private final AtomicLong latency;
    private final Map<Class<?>, Meters> byType = new ConcurrentHashMap<>();

    private MeteredMessages(
            MeterRegistry registry,
            String prefix,
            Tags componentTags,
            boolean capacity,
            boolean countedByType,
            boolean latency) {
        this.registry = registry;
        this.clock = registry.config().clock();
        this.prefix = prefix;
        this.componentTags = componentTags;
        this.capacity = capacity;
        this.countedByType = countedByType;
        this.latency = latency ? new AtomicLong() : null;
        if (latency) {
            Gauge.builder(prefix + ".latency", this.latency, AtomicLong::get)
                    .tags(componentTags)
                    .register(registry);
        }
    }

    /** An event processor's: {@code eventProcessor.*}, tagged with its name (and the payload type but for latency). */
    static MeteredMessages eventProcessor(MeterRegistry registry, String processorName) {
        return new MeteredMessages(
                registry, "eventProcessor", Tags.of(PROCESSOR_NAME, processorName), true, true, true);
    }

    /** A command bus's: {@code <name>.*} with timers, counters and capacity per payload type. */
    static MeteredMessages commandBus(MeterRegistry registry, String name) {
        return new MeteredMessages(registry, name, Tags.empty(), true, true, false);
    }

    /** An event bus's or event store's: {@code <name>.*} with timers per payload type and counters of all types. */
    static MeteredMessages eventBus(MeterRegistry registry, String name) {
        return new MeteredMessages(registry, name, Tags.empty(), false, false, false);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Meters meters = byType.get(message.getPayloadType());
        if (meters == null) {
            meters = byType.computeIfAbsent(message.getPayloadType(), Meters::new);
        }
        if (latency != null && message instanceof EventMessage<?> event) {
            latency.set(clock.wallTime() - event.getTimestamp().toEpochMilli());
        }
        meters.ingested.increment();
        return new Callback(meters, clock.monotonicTime());
    }

    private final class Meters {

        final Timer all;
        final Timer succeeded;
        final Timer failed;
        final Timer ignored;
        final Counter ingested;
        final Counter successes;
        final Counter failures;
        final Counter processed;
        final Counter ignores;
        final WindowedSum busy;

        Meters(Class<?> payloadType) {
            Tags tags = componentTags.and(PAYLOAD_TYPE, payloadType.getSimpleName());
            all = timer("allTimer", tags);
            succeeded = timer("successTimer", tags);
            failed = timer("failureTimer", tags);
            ignored = timer("ignoredTimer", tags);
            Tags counted = countedByType ? tags : componentTags;
            ingested = registry.counter(prefix + ".ingestedCounter", counted);
            successes = registry.counter(prefix + ".successCounter", counted);
            failures = registry.counter(prefix + ".failureCounter", counted);
            processed = registry.counter(prefix + ".processedCounter", counted);
            ignores = registry.counter(prefix + ".ignoredCounter", counted);
            if (capacity) {
                busy = new WindowedSum(CAPACITY_WINDOW.toNanos());
                Gauge.builder(prefix + ".capacity", busy, sum -> sum.share(clock.monotonicTime()))
                        .tags(tags)
                        .register(registry);
            } else {
                busy = null;
            }
        }

        private Timer timer(String name, Tags tags) {
            return Timer.builder(prefix + "." + name)
                    .distributionStatisticExpiry(Duration.ofMinutes(10))
                    .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999)
                    .tags(tags)
                    .register(registry);
        }
    }

    private final class Callback implements MonitorCallback {

        private final Meters meters;
        private final long start;

        Callback(Meters meters, long start) {
            this.meters = meters;
            this.start = start;
        }

        @Override
        public void reportSuccess() {
            long took = took();
            meters.succeeded.record(took, TimeUnit.NANOSECONDS);
            meters.processed.increment();
            meters.successes.increment();
        }

        @Override
        public void reportFailure(Throwable cause) {
            long took = took();
            meters.failed.record(took, TimeUnit.NANOSECONDS);
            meters.processed.increment();
            meters.failures.increment();
        }

        @Override
        public void reportIgnored() {
            long took = took();
            meters.ignored.record(took, TimeUnit.NANOSECONDS);
            meters.ignores.increment();
        }

        /** The time since ingestion, recorded by the all-timer and added to the capacity's window. */
        private long took() {
            long now = clock.monotonicTime();
            long took = now - start;
            meters.all.record(took, TimeUnit.NANOSECONDS);
            if (meters.busy != null) {
                meters.busy.add(now, took);
            }
            return took;
        }
    }

    /**
     * Durations added over a sliding window, kept as the sums of {@value #BUCKETS} buckets of a {@value #BUCKETS}th of
     * the window each; a bucket is emptied when its slot is taken by a later bucket. The share is the sum of the
     * buckets within the window over the window's length (over 1 when messages were handled in parallel).
     */
    static final class WindowedSum {

        static final int BUCKETS = 60;

        private final long window;
        private final long bucketNanos;
        private final AtomicLongArray sums = new AtomicLongArray(BUCKETS);
        private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);

        WindowedSum(long windowNanos) {
            this.window = windowNanos;
            this.bucketNanos = windowNanos / BUCKETS;
            for (int slot = 0; slot < BUCKETS; slot++) {
                buckets.set(slot, Long.MIN_VALUE);
            }
        }

        void add(long now, long nanos) {
            long bucket = Math.floorDiv(now, bucketNanos);
            int slot = (int) Math.floorMod(bucket, BUCKETS);
            if (buckets.get(slot) != bucket) {
                synchronized (this) {
                    if (buckets.get(slot) < bucket) {
                        sums.set(slot, 0);
                        buckets.set(slot, bucket);
                    }
                }
            }
            if (buckets.get(slot) == bucket) {
                sums.addAndGet(slot, nanos);
            }
        }

        double share(long now) {
            long current = Math.floorDiv(now, bucketNanos);
            long total = 0;
            for (int slot = 0; slot < BUCKETS; slot++) {
                if (buckets.get(slot) > current - BUCKETS) {
                    total += sums.get(slot);
                }
            }
            return (double) total / window;
        }
    }
}
