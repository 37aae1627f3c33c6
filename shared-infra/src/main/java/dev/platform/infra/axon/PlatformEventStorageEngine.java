package dev.platform.infra.axon;

import dev.platform.infra.db.StatementsAtCommit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.util.PSQLException;

/**
 * Axon's JDBC event store with two changes in how processors read the stream, and one in how commands append
 * ({@link #appendEvents}). Each event's time stamp is parsed
 * once, with {@link EventTimestamps}, and kept. Axon's own entry keeps the text and parses it with a {@code
 * DateTimeFormatter} every time it is asked: once per row read for the gap check below, and again for the
 * message; in a 1,000,000-event rebuild that was a fifth of the rebuilding threads' CPU.
 *
 * <p>The head of the stream is read at most once per {@code headFetchInterval}. Axon's {@code EmbeddedEventStore}
 * reads the head for every processor of the process that is caught up (one thread, its producer, the only caller that
 * may block) and reads again as soon as a read found events: under a stream of writes that was a query for almost
 * every event (0.78 per appended event, with the gaps of concurrent writers in each), each followed by every
 * processor's wake-up and batch. Spaced out, one read takes the events of its interval together. A read after a
 * quiet interval starts at once: a lone write is not held up; no write's answer waits for a processor that reads
 * here (the read models it waits for are applied in its own transaction).
 *
 * <p>{@link #getTrackedEventData} does what Axon's does (same columns, same tracking token: a gap below an event
 * newer than the gap timeout is kept, up to {@code maxGapOffset} behind), with the parsed time stamp.
 */
final class PlatformEventStorageEngine extends JdbcEventStorageEngine {

    /** Axon's defaults, set explicitly so that the token logic here uses the values the engine was built with. */
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    static final int MAX_GAP_OFFSET = 10_000;
    static final long LOWEST_GLOBAL_SEQUENCE = 1;

    private final long headFetchIntervalNanos;
    /** Where a transaction's events wait for its commit; null: each append runs at once (as Axon's). */
    private final StatementsAtCommit atCommit;

    /** When the last read of the head began (System.nanoTime); only the event store's producer thread reads it. */
    private volatile long lastHeadFetch = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    private PlatformEventStorageEngine(Builder builder, Duration headFetchInterval, StatementsAtCommit atCommit) {
        super(builder);
        this.headFetchIntervalNanos = headFetchInterval.toNanos();
        this.atCommit = atCommit;
    }

    /**
     * The engine of {@code builder} (with the gap settings above), reading {@code schema}, reading the head at most
     * once per {@code headFetchInterval} (zero: as often as asked), appending as Axon's does.
     */
    static PlatformEventStorageEngine build(Builder builder, EventSchema schema, Duration headFetchInterval) {
        return build(builder, schema, headFetchInterval, null);
    }

    /** As {@link #build(Builder, EventSchema, Duration)}, an aggregate's events sent with the commit ({@code atCommit}). */
    static PlatformEventStorageEngine build(
            Builder builder, EventSchema schema, Duration headFetchInterval, StatementsAtCommit atCommit) {
        builder.schema(schema)
                .gapTimeout(GAP_TIMEOUT_MILLIS)
                .maxGapOffset(MAX_GAP_OFFSET)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE);
        return new PlatformEventStorageEngine(builder, headFetchInterval, atCommit);
    }

    /**
     * Inside a transaction, an aggregate's events (what a command stores) are sent with the transaction's other
     * statements just before its {@code COMMIT} ({@link StatementsAtCommit}): one round trip with them instead of
     * one of their own. The statement and its values are Axon's; a lost race for an (aggregate, sequence number)
     * slot fails the commit as Axon's append fails ({@code ConcurrencyException}, {@code
     * AggregateStreamCreationException}). Anything that reads the store in the same transaction runs the kept
     * statements first ({@link StatementsAtCommit#flush}: the position of an event applied inline). Other events,
     * and every append outside a transaction, go at once, after what is kept, so the store's order is the order of
     * the appends.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        if (atCommit == null
                || !atCommit.inTransaction()
                || !events.stream().allMatch(DomainEventMessage.class::isInstance)) {
            if (atCommit != null) {
                atCommit.flush();
            }
            super.appendEvents(events, serializer);
            return;
        }
        EventSchema schema = schema();
        String insert = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields()
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = (DomainEventMessage<?>) message;
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
            atCommit.run(
                    insert,
                    event.getIdentifier(),
                    event.getAggregateIdentifier(),
                    event.getSequenceNumber(),
                    event.getType(),
                    DateTimeUtils.formatInstant(event.getTimestamp()),
                    payload.getType().getName(),
                    payload.getType().getRevision(),
                    payload.getData(),
                    metaData.getData());
        }
        EventMessage<?> first = events.get(0);
        atCommit.failuresAs(failure -> lostRace(failure) ? asAxonWould(failure, first) : failure);
    }

    /** Whether {@code failure} is a unique key of the event table refusing an event (a race for its slot). */
    private boolean lostRace(Throwable failure) {
        return ExceptionUtils.findException(
                        failure,
                        cause -> cause instanceof PSQLException refused
                                && PostgresDuplicateKeys.UNIQUE_VIOLATION.equals(refused.getSQLState())
                                && refused.getServerErrorMessage() != null
                                && schema().domainEventTable()
                                        .equals(refused.getServerErrorMessage().getTable()))
                .isPresent();
    }

    /** The exception Axon's own append throws for {@code failure} of {@code event}. */
    private RuntimeException asAxonWould(RuntimeException failure, EventMessage<?> event) {
        try {
            handlePersistenceException(failure, event);
        } catch (RuntimeException translated) {
            return translated;
        }
        return failure;
    }

    /**
     * {@code mayBlock}: the caller tails the head (the embedded event store's producer); it waits until the interval
     * since its last read has passed. Other readers (a processor behind the head, reading on its own) never wait.
     */
    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        if (mayBlock && headFetchIntervalNanos > 0) {
            long wait = lastHeadFetch + headFetchIntervalNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            lastHeadFetch = System.nanoTime();
        }
        return super.readEvents(trackingToken, mayBlock);
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        EventEntry<?> event = new EventEntry<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                resultSet.getString(schema.timestampColumn()),
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        boolean allowGaps = event.getTimestamp()
                .isAfter(GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(
                    globalSequence,
                    allowGaps
                            ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence)
                                    .boxed()
                                    .collect(Collectors.toCollection(TreeSet::new))
                            : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        }
        return new TrackedDomainEventData<>(token, event);
    }

    /** Axon's entry, with its time stamp parsed once. */
    private static final class EventEntry<T> extends GenericDomainEventEntry<T> {

        private final Instant timestamp;

        private EventEntry(
                String type,
                String aggregateIdentifier,
                long sequenceNumber,
                String eventIdentifier,
                String timestamp,
                String payloadType,
                String payloadRevision,
                T payload,
                T metaData) {
            super(
                    type,
                    aggregateIdentifier,
                    sequenceNumber,
                    eventIdentifier,
                    timestamp,
                    payloadType,
                    payloadRevision,
                    payload,
                    metaData);
            this.timestamp = EventTimestamps.parse(timestamp);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
