package dev.platform.query.projection;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One blue-green rebuild on this node: its processor ({@code <group>.rebuild}, the group's own handlers writing the
 * shadow tables), its schema, where it stands and what it found. An event a handler fails on is logged and counted
 * ({@code failed_events}) and the rebuild goes on, as the live group parks it and goes on; a batch that cannot be
 * committed is retried by the processor, and the rebuild does not catch up until it is.
 */
final class ShadowRebuild implements ListenerInvocationErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ShadowRebuild.class);

    enum State {
        BUILDING,
        CAUGHT_UP,
        SWITCHED,
        DISCARDED,
        FAILED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final boolean manual;
    private final ShadowSchema schema;
    private final Instant startedAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final long headAtStart;
    private final AtomicLong failedEvents = new AtomicLong();
    private final AtomicReference<State> state = new AtomicReference<>(State.BUILDING);
    private volatile TrackingEventProcessor processor;
    private volatile List<TableDiff> diff;
    private volatile Instant switchedAt;
    private volatile String error;
    private volatile long position;
    private volatile long head;

    ShadowRebuild(String name, boolean manual, ShadowSchema schema, long headAtStart) {
        this.name = name;
        this.manual = manual;
        this.schema = schema;
        this.headAtStart = headAtStart;
        this.head = headAtStart;
    }

    String name() {
        return name;
    }

    /** The name of its processor and of its tokens in {@code token_entry}. */
    String processorName() {
        return processorName(name);
    }

    static String processorName(String group) {
        return group + ".rebuild";
    }

    boolean manual() {
        return manual;
    }

    ShadowSchema schema() {
        return schema;
    }

    TrackingEventProcessor processor() {
        return processor;
    }

    void processor(TrackingEventProcessor processor) {
        this.processor = processor;
    }

    State state() {
        return state.get();
    }

    boolean running() {
        State now = state.get();
        return now == State.BUILDING || now == State.CAUGHT_UP;
    }

    void caughtUp(List<TableDiff> diff) {
        this.diff = diff;
        state.set(State.CAUGHT_UP);
    }

    void switched() {
        switchedAt = Instant.now();
        state.set(State.SWITCHED);
    }

    void discarded() {
        state.set(State.DISCARDED);
    }

    void failed(String reason) {
        error = reason;
        state.set(State.FAILED);
    }

    /**
     * The lowest position the processor's segments have reached (0 while a segment is not claimed yet), remembered
     * with the head it was measured against; an error of a segment is the rebuild's error until it passes.
     */
    long measure(long head, int segments) {
        TrackingEventProcessor current = processor;
        if (current == null || !running()) {
            return position;
        }
        var statuses = current.processingStatus();
        long lowest = statuses.size() < segments ? 0 : Long.MAX_VALUE;
        String failure = null;
        for (EventTrackerStatus status : statuses.values()) {
            lowest = Math.min(lowest, status.getCurrentPosition().orElse(0));
            if (status.isErrorState() && status.getError() != null) {
                failure = String.valueOf(status.getError().getMessage());
            }
        }
        this.position = statuses.isEmpty() ? 0 : lowest;
        this.head = head;
        this.error = failure;
        return this.position;
    }

    RebuildProgress progress() {
        return RebuildProgress.of(state.get().label(), position, head, (System.nanoTime() - startedNanos) / 1e9);
    }

    RebuildStatus status() {
        return new RebuildStatus(
                name,
                manual ? "manual" : "auto",
                state.get().label(),
                startedAt,
                switchedAt,
                headAtStart,
                progress(),
                failedEvents.get(),
                diff,
                error);
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler) {
        failedEvents.incrementAndGet();
        log.warn(
                "rebuild of {}: event {} ({}) failed and is left out, as the live group parks it",
                name,
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                exception);
    }
}
