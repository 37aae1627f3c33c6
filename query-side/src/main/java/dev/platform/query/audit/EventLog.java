package dev.platform.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.infra.axon.AxonInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
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

/**
 * Reads events straight from {@code domain_event_entry} for audit: the global stream by position and one
 * aggregate's events by sequence. Payloads go through Axon's upcaster chain (the one the event store and the
 * processors use) but are never deserialized into classes: each event is answered in the current shape of its
 * type as JSON, whatever revision it was stored with, and an event whose class no longer exists still reads.
 */
@Component
public class EventLog {

    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, "
            + "type, time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final byte[] NO_METADATA = "{}".getBytes(StandardCharsets.UTF_8);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;
    private final ObjectMapper json = new ObjectMapper();

    EventLog(JdbcTemplate jdbc, Serializer serializer, ObjectProvider<org.axonframework.config.Configuration> axon) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.axon = axon;
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

    /** All events of one aggregate, oldest first (by sequence number); empty when there is no such aggregate. */
    public List<StoredEvent> ofAggregate(String aggregateId) {
        return read(
                "SELECT " + COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number",
                aggregateId);
    }

    /** One aggregate's accepted writes as a history endpoint answers them, oldest first. */
    public List<HistoryEntry> history(String aggregateId) {
        return ofAggregate(aggregateId).stream().map(HistoryEntry::of).toList();
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
                text(metadata.get(AxonInfrastructure.ACTOR_ID)),
                text(metadata.get(AxonInfrastructure.REQUEST_ID)),
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
