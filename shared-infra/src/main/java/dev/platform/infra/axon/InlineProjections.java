package dev.platform.infra.axon;

import dev.platform.infra.db.StatementsAtCommit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Inline projections: the read models a write waits for are updated in the write's own transaction, by the same
 * handlers their streaming processors run, so a write answers without waiting for another thread and without the
 * commits of a second transaction (read-your-writes is met by the commit itself).
 *
 * <p>For each group of {@code platform.projections.inline} that runs as a streaming processor in this process, every
 * event this process appends is handed, after the append and before the commit, to that processor's handler invoker
 * (with its dead-letter queue: a sequence parked there parks the new event too). A command's first attempt applies
 * them as a healthy batch does, without a savepoint per handler ({@link #firstAttempt}); if a handler fails, the
 * write is rolled back and the command bus tries it once more ({@link InlineRetryingCommandBus}), each handler then
 * inside a savepoint as in {@link EventByEvent}, so that a handler that fails again parks its event while the write
 * commits. The event carries the
 * names of the groups that applied it in its metadata ({@value #APPLIED_INLINE}); the group's streaming processor
 * then passes over it without a batch or a transaction ({@link InlineAppliedEvents}), except in a replay, which handles every
 * event. The streaming processor stays what it was for everything else: events appended by another process (a
 * split deployment's command side, a seed in SQL), rebuilds, dead-letter retries, and its position.
 *
 * <p>A group is applied inline only where its handlers live in the writing process (the all-in-one application):
 * a command side alone marks nothing, and its events are projected by the query side's streaming processors as
 * before. Every process that appends events of an inline group must run it inline (or none may): an event appended
 * without it, still waiting in the streaming processor, could otherwise be overtaken by a later event of the same
 * aggregate applied inline (docs/decisions.md).
 */
@Component
@EnableConfigurationProperties(InlineProjectionProperties.class)
public class InlineProjections implements SmartLifecycle {

    /** Metadata key: the comma-separated groups that applied the event in the transaction that stored it. */
    public static final String APPLIED_INLINE = "appliedInline";

    private static final Logger log = LoggerFactory.getLogger(InlineProjections.class);
    /** How recently this process must have marked an event to count as writing ({@link #writingInline}). */
    private static final long WRITING_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Set while this thread applies events inline: the handlers take them then. */
    private static final ThreadLocal<Boolean> APPLYING = new ThreadLocal<>();
    /** Set while a command's first attempt runs on this thread ({@link #firstAttempt}). */
    private static final ThreadLocal<Boolean> FIRST_ATTEMPT = new ThreadLocal<>();
    /** While this thread applies events without savepoints: the first failure of a handler, if any. */
    private static final ThreadLocal<Throwable[]> FAILED = new ThreadLocal<>();

    private final List<String> wanted;
    private final ObjectProvider<EventStore> eventStore;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;
    private final ReadYourWrites readYourWrites;
    private final JdbcTemplate jdbc;
    private final StatementsAtCommit atCommit;
    private final List<Registration> registrations = new ArrayList<>();
    private volatile Map<String, EventHandlerInvoker> invokers = Map.of();
    /** Per group, per payload type: whether a handler of the group takes it ({@link #takesType}). */
    private final Map<String, Map<Class<?>, Boolean>> takenTypes = new ConcurrentHashMap<>();

    private volatile String marker;
    /** Whether new events are marked (and so applied) now; an event once marked is always applied. */
    private volatile boolean running;
    /** When this process last marked an event ({@link System#nanoTime()}). */
    private volatile long lastMarked = System.nanoTime() - 2 * WRITING_WINDOW_NANOS;

    InlineProjections(
            InlineProjectionProperties properties,
            ObjectProvider<EventStore> eventStore,
            ObjectProvider<org.axonframework.config.Configuration> axon,
            ReadYourWrites readYourWrites,
            JdbcTemplate jdbc,
            StatementsAtCommit atCommit) {
        this.wanted = properties.inline();
        this.jdbc = jdbc;
        this.atCommit = atCommit;
        this.eventStore = eventStore;
        this.axon = axon;
        this.readYourWrites = readYourWrites;
    }

    /**
     * Whether the streaming processor {@code processor} passes over {@code event} (see {@link InlineAppliedEvents}):
     * the group applied it inline when it was stored, and this is neither a replay, nor the retry of a dead letter
     * (an event parked when it was applied inline is applied by its retry), nor the inline application itself.
     */
    static boolean passesOver(String processor, Message<?> event) {
        // The names first: every handler of every processor asks, most of them of groups never applied inline (the
        // audience's for each post's event), and the string is cheaper to look at than the unit of work.
        Object applied = event.getMetaData().get(APPLIED_INLINE);
        return applied != null
                && names(applied.toString(), processor)
                && APPLYING.get() == null
                && !ReplayToken.isReplay(event)
                && !(CurrentUnitOfWork.isStarted()
                        && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName()));
    }

    /** Whether the comma-separated {@code groups} name {@code group} (without splitting: once per event and handler). */
    static boolean names(String groups, String group) {
        for (int at = groups.indexOf(group); at >= 0; at = groups.indexOf(group, at + 1)) {
            int end = at + group.length();
            if ((at == 0 || groups.charAt(at - 1) == ',') && (end == groups.length() || groups.charAt(end) == ',')) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies the groups inline from now on (again, after {@link #stop()}): the registrations with the event store are
     * made once, and stay until the application ends.
     */
    @Override
    public synchronized void start() {
        if (registrations.isEmpty()) {
            register();
        }
        running = true;
    }

    private void register() {
        EventStore store = eventStore.getIfAvailable();
        org.axonframework.config.Configuration configuration = axon.getIfAvailable();
        if (store == null || configuration == null || wanted.isEmpty()) {
            return;
        }
        EventProcessingConfiguration processing = configuration.eventProcessingConfiguration();
        Map<String, EventHandlerInvoker> found = new LinkedHashMap<>();
        for (String group : wanted) {
            processing
                    .eventProcessor(group)
                    .filter(StreamingEventProcessor.class::isInstance)
                    .filter(AbstractEventProcessor.class::isInstance)
                    .map(processor -> ((AbstractEventProcessor) processor).eventHandlerInvoker())
                    .ifPresent(invoker -> found.put(group, invoker));
        }
        if (!found.isEmpty()) {
            invokers = Map.copyOf(found);
            marker = String.join(",", found.keySet());
            registrations.add(store.registerDispatchInterceptor(messages -> (index, event) -> mark(event)));
            registrations.add(store.subscribe(this::apply));
            log.info("projections applied inline, in the transaction of each write: {}", marker);
        }
    }

    private EventMessage<?> mark(EventMessage<?> event) {
        if (!running) {
            return event;
        }
        lastMarked = System.nanoTime();
        return event.andMetaData(Map.of(APPLIED_INLINE, marker));
    }

    /**
     * Whether this process applies {@code group} inline and is writing: it marked an event within the last second.
     * Its streaming processor then meets almost only events it passes over ({@link InlineGroupEventSource}).
     */
    public boolean writingInline(String group) {
        return running && invokers.containsKey(group) && System.nanoTime() - lastMarked < WRITING_WINDOW_NANOS;
    }

    /**
     * Runs {@code attempt}, a command's first attempt: events it stores are applied inline without a savepoint per
     * handler, and a handler's failure fails the attempt with {@link FirstAttemptFailed} (its transaction rolled back,
     * see {@link #failedFirstAttempt}). Only where the attempt begins its own transaction: a command inside another
     * transaction (or unit of work, whose commit stores the events later) is applied with savepoints from the start.
     */
    static void firstAttempt(Runnable attempt) {
        if (TransactionSynchronizationManager.isActualTransactionActive() || CurrentUnitOfWork.isStarted()) {
            attempt.run();
            return;
        }
        Boolean before = FIRST_ATTEMPT.get();
        FIRST_ATTEMPT.set(Boolean.TRUE);
        try {
            attempt.run();
        } finally {
            FIRST_ATTEMPT.set(before);
        }
    }

    /**
     * Whether {@code event} is being applied inline in a command's first attempt, its position not read yet: a row
     * that needs its position can then go with the commit's kept statements ({@link StatementsAtCommit}), the
     * position read there from the event's own row (sent before it in the same message), and any failure there is
     * the first attempt's, retried with savepoints. Reading the position instead would send the kept statements and
     * then query it: two round trips.
     */
    public static boolean positionAtCommit(EventMessage<?> event) {
        return inFirstAttempt()
                && applyingWithoutSavepoints()
                && event instanceof InlineEventMessage<?> inline
                && !inline.positionRead();
    }

    /** Whether a command's first attempt runs on this thread: its events are applied without savepoints. */
    static boolean inFirstAttempt() {
        return Boolean.TRUE.equals(FIRST_ATTEMPT.get());
    }

    /** Whether {@code failure} is a first attempt's, failed by an inline handler: the command may be sent again. */
    static boolean failedFirstAttempt(Throwable failure) {
        return ExceptionUtils.findException(failure, FirstAttemptFailed.class).isPresent();
    }

    /** Whether this thread applies events inline without savepoints: a handler's failure is to be told. */
    static boolean applyingWithoutSavepoints() {
        return FAILED.get() != null;
    }

    /** Told by {@link SavepointPerEvent} of a handler's failure while {@link #applyingWithoutSavepoints()}. */
    static void handlerFailed(Throwable failure) {
        Throwable[] failed = FAILED.get();
        if (failed != null && failed[0] == null) {
            failed[0] = failure;
        }
    }

    /** Called by the event store after it appended {@code events}, before the transaction commits. */
    private void apply(List<? extends EventMessage<?>> events) {
        List<EventMessage<?>> marked = events.stream()
                .filter(event -> marker.equals(event.getMetaData().get(APPLIED_INLINE)))
                .collect(Collectors.toList());
        if (marked.isEmpty()) {
            return;
        }
        List<EventMessage<?>> tracked = tracked(marked);
        boolean withoutSavepoints = inFirstAttempt();
        APPLYING.set(Boolean.TRUE);
        if (withoutSavepoints) {
            FAILED.set(new Throwable[1]);
            // A row a handler left to be written at the commit, refused there, fails the attempt like a handler; an
            // append that lost a race for its slot stays what it is (a second attempt would not meet the race).
            atCommit.failuresAs(failure ->
                    failure instanceof ConcurrencyException || failure instanceof AggregateStreamCreationException
                            ? failure
                            : new FirstAttemptFailed("the statements at commit", failure));
        }
        try {
            for (Map.Entry<String, EventHandlerInvoker> entry : invokers.entrySet()) {
                String group = entry.getKey();
                EventHandlerInvoker invoker = entry.getValue();
                List<EventMessage<?>> handled = new ArrayList<>(tracked.size());
                for (EventMessage<?> event : tracked) {
                    if (takesType(group, invoker, event.getPayloadType())
                            && invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                        handled.add(event);
                    }
                }
                if (!handled.isEmpty()) {
                    apply(group, invoker, handled, withoutSavepoints);
                }
                if (withoutSavepoints && FAILED.get()[0] != null) {
                    // Parked by the dead-letter queue perhaps, but with what the handler wrote before it failed:
                    // the whole write is rolled back and tried again, each handler in a savepoint.
                    throw new FirstAttemptFailed("the inline projection " + group, FAILED.get()[0]);
                }
            }
        } finally {
            APPLYING.remove();
            FAILED.remove();
        }
    }

    /**
     * Whether any handler of the group takes events of {@code payloadType}, remembered per type: most events are of
     * a type that most of the groups have no handler for, and a full check asks every handler of the group.
     */
    private boolean takesType(String group, EventHandlerInvoker invoker, Class<?> payloadType) {
        return takenTypes
                .computeIfAbsent(group, g -> new ConcurrentHashMap<>())
                .computeIfAbsent(payloadType, invoker::canHandleType);
    }

    /**
     * The events as a streaming processor would hand them over: tracked, with their position in the store. An
     * aggregate's event (what a command appends) reads its position only if something asks for it ({@link
     * InlineEventMessage}); another event reads it now, by its unique identifier, in the same transaction.
     */
    private List<EventMessage<?>> tracked(List<EventMessage<?>> events) {
        List<EventMessage<?>> tracked = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            tracked.add(
                    event instanceof DomainEventMessage<?> domain
                            ? InlineEventMessage.of(domain, () -> position(event))
                            : new GenericTrackedEventMessage<>(position(event), event));
        }
        return tracked;
    }

    private TrackingToken position(EventMessage<?> event) {
        // The event may wait for the commit with the transaction's other statements: it is stored first.
        atCommit.flush();
        List<Long> position = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class,
                event.getIdentifier());
        if (position.isEmpty()) {
            throw new IllegalStateException("event " + event.getIdentifier() + " is not in the event store");
        }
        return GapAwareTrackingToken.newInstance(position.get(0), Set.of());
    }

    /**
     * Applies {@code events} with {@code group}'s handlers in a unit of work of their own, its changes written when it
     * ends: as a healthy batch ({@code withoutSavepoints}), or each event on its own inside savepoints.
     */
    private void apply(
            String group, EventHandlerInvoker invoker, List<EventMessage<?>> events, boolean withoutSavepoints) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        ResultMessage<?> result = unitOfWork.executeWithResult(
                () -> {
                    readYourWrites.trackCommit(group, unitOfWork);
                    EventMessage<?> event = unitOfWork.getMessage();
                    return withoutSavepoints
                            ? handle(invoker, event)
                            : EventByEvent.contained(() -> handle(invoker, event));
                },
                RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (withoutSavepoints) {
                // A batch's rows refused when written: tried again event by event.
                throw new FirstAttemptFailed("the inline projection " + group, failure);
            }
            // Only what the dead-letter queue could not take (its own write failed): the write fails with it.
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    private static Object handle(EventHandlerInvoker invoker, EventMessage<?> event) {
        try {
            invoker.handle(event, Segment.ROOT_SEGMENT);
            return null;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A command's first attempt failed in an inline handler; its transaction is rolled back. */
    static final class FirstAttemptFailed extends RuntimeException {
        FirstAttemptFailed(String what, Throwable cause) {
            super("a command's first attempt failed in " + what, cause);
        }
    }

    /**
     * From now on events are left to the streaming processors (each event already marked is still applied inline by
     * the transaction that stores it, so none falls between the two).
     */
    @Override
    public synchronized void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server takes requests; after the processors exist. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
