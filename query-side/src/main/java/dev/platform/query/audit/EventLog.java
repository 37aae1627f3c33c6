package dev.platform.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.infra.axon.MessageMetadata;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads events straight from {@code domain_event_entry} for audit: the global stream by position and one
 * aggregate's events by sequence, a window at a time or streamed through a cursor, never a whole stream at once. Payloads go through Axon's upcaster chain (the one the event store and the
 * processors use) but are never deserialized into classes: each event is answered in the current shape of its
 * type as JSON, whatever revision it was stored with, and an event whose class no longer exists still reads.
 */
@Component
public class EventLog {

    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, "
            + "type, time_stamp, payload_type, payload_revision, payload, meta_data";
    /** Rows a cursor holds at once: events of up to ~400 KB (100,000 characters) make a few MB. */
    static final int CURSOR_FETCH_SIZE = 8;

    private static final byte[] NO_METADATA = "{}".getBytes(StandardCharsets.UTF_8);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;
    private final ObjectMapper json = new ObjectMapper();
    private final JdbcTemplate cursor;
    private final TransactionTemplate readOnly;

    EventLog(
            JdbcTemplate jdbc,
            Serializer serializer,
            ObjectProvider<org.axonframework.config.Configuration> axon,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.axon = axon;
        // PostgreSQL's driver reads a result in pieces of the fetch size only inside a transaction.
        this.cursor = new JdbcTemplate(jdbc.getDataSource());
        this.cursor.setFetchSize(CURSOR_FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The global stream: events with a position greater than {@code after}, in position order, windowed. */
    public List<StoredEvent> after(long after, int limit, int offset) {
        return read(
                "SELECT " + COLUMNS + " FROM domain_event_entry WHERE global_index > ? "
                        + "ORDER BY global_index LIMIT ? OFFSET ?",
                after,
                limit,
                offset);
    }

    /** How many events have a position greater than {@code after}. */
    public long countAfter(long after) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE global_index > ?", Long.class, after);
        return count == null ? 0 : count;
    }

    /** The position of the newest event, 0 when there is none. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /**
     * A window of one aggregate's events in sequence order, as a history endpoint answers them: the window is
     * cut in SQL ({@code LIMIT}/{@code OFFSET} on the (aggregate, sequence) key), so only its rows are read.
     */
    public List<HistoryEntry> history(String aggregateId, int limit, int offset) {
        return read(
                        "SELECT " + COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = ? "
                                + "ORDER BY sequence_number LIMIT ? OFFSET ?",
                        aggregateId,
                        limit,
                        offset)
                .stream()
                .map(HistoryEntry::of)
                .toList();
    }

    /** How many events one aggregate has; 0 when there is no such aggregate. */
    public long countOfAggregate(String aggregateId) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregateId);
        return count == null ? 0 : count;
    }

    /**
     * Hands one aggregate's events to {@code visitor}, oldest first, until it answers {@code false} or the events
     * run out. The rows come through a database cursor ({@value #CURSOR_FETCH_SIZE} at a time, in a read-only
     * transaction) and through the upcasters one by one, so memory holds a few events whatever the length of the
     * stream, and the rows after the visitor stops are never read.
     */
    public void readAggregate(String aggregateId, Predicate<StoredEvent> visitor) {
        readOnly.executeWithoutResult(transaction -> {
            try (Stream<TrackedDomainEventData<byte[]>> rows = cursor.queryForStream(
                    "SELECT " + COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = ? "
                            + "ORDER BY sequence_number",
                    EventLog::row,
                    aggregateId)) {
                Iterator<IntermediateEventRepresentation> events = axon.getObject()
                        .upcasterChain()
                        .upcast(rows.map(row -> new InitialEventRepresentation(row, serializer)))
                        .iterator();
                while (events.hasNext() && visitor.test(storedEvent(events.next()))) {
                    // the visitor has taken the event and asks for the next
                }
            }
        });
    }

    private List<StoredEvent> read(String sql, Object... arguments) {
        List<TrackedDomainEventData<byte[]>> rows = jdbc.query(sql, EventLog::row, arguments);
        if (rows.isEmpty()) {
            return List.of();
        }
        EventUpcaster upcasters = axon.getObject().upcasterChain();
        return upcasters
                .upcast(rows.stream().map(row -> new InitialEventRepresentation(row, serializer)))
                .map(this::storedEvent)
                .toList();
    }

    private static TrackedDomainEventData<byte[]> row(ResultSet rs, int row) throws SQLException {
        byte[] metadata = rs.getBytes("meta_data");
        DomainEventData<byte[]> entry = new GenericDomainEventEntry<>(
                rs.getString("type"),
                rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"),
                rs.getString("event_identifier"),
                rs.getString("time_stamp"),
                rs.getString("payload_type"),
                rs.getString("payload_revision"),
                rs.getBytes("payload"),
                metadata == null ? NO_METADATA : metadata);
        TrackingToken position = GapAwareTrackingToken.newInstance(rs.getLong("global_index"), Collections.emptySet());
        return new TrackedDomainEventData<>(position, entry);
    }

    private StoredEvent storedEvent(IntermediateEventRepresentation event) {
        MetaData metadata = event.getMetaData().getObject();
        return new StoredEvent(
                event.getTrackingToken().orElseThrow().position().orElseThrow(),
                event.getAggregateIdentifier().orElse(null),
                event.getAggregateType().orElse(null),
                event.getSequenceNumber().orElse(0L),
                simpleName(event.getType().getName()),
                event.getTimestamp().truncatedTo(ChronoUnit.MILLIS),
                text(metadata.get(MessageMetadata.ACTOR_ID)),
                text(metadata.get(MessageMetadata.REQUEST_ID)),
                event.getData(JsonNode.class).getData(),
                json.valueToTree(metadata));
    }

    /** {@code dev.platform.api.user.UserRegistered} → {@code UserRegistered} (and {@code Outer$Inner} → {@code Inner}). */
    static String simpleName(String payloadType) {
        String name = payloadType.substring(payloadType.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
