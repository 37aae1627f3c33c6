package dev.platform.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.platform.query.QueryDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The audit's reading of {@code domain_event_entry}: windows of the global stream and of one aggregate, what each
 * event is answered as, and the upcaster chain applied on the way. Rows are written as Axon's JDBC storage engine
 * writes them.
 */
class EventLogTest {

    @RegisterExtension
    static final QueryDatabase database = QueryDatabase.withEventStore();

    private static final String USER = "00000000-0000-0000-0000-0000000000a1";
    private static final String POST = "00000000-0000-0000-0000-0000000000e1";
    private static final String REGISTERED = "dev.platform.api.user.UserRegistered";
    private static final String OLD_SHAPE = "dev.platform.api.test.Reshaped";

    private static EventLog events;

    /** Stands for the platform's upcasters: revision 2 of {@value #OLD_SHAPE} has a {@code reshaped} field. */
    private static final class Reshape extends SingleEventUpcaster {
        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().equals(new SimpleSerializedType(OLD_SHAPE, null));
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(
                    new SimpleSerializedType(OLD_SHAPE, "2"),
                    JsonNode.class,
                    payload -> ((ObjectNode) payload).deepCopy().put("reshaped", true));
        }
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void fiveEventsOfTwoAggregates() {
        Configuration axon = mock(Configuration.class);
        when(axon.upcasterChain()).thenReturn(new EventUpcasterChain(new Reshape()));
        ObjectProvider<Configuration> provider = mock(ObjectProvider.class);
        when(provider.getObject()).thenReturn(axon);
        events = new EventLog(
                database.jdbc(),
                JacksonSerializer.defaultSerializer(),
                provider,
                new DataSourceTransactionManager(database.dataSource()));

        store(USER, 0, "User", REGISTERED, "{\"username\":\"ada\"}", "{\"requestId\":\"req-1\"}");
        store(POST, 0, "Post", "dev.platform.api.post.PostCreated", "{\"title\":\"T\"}", actor(USER));
        store(USER, 1, "User", OLD_SHAPE, "{\"bio\":\"old\"}", actor(USER));
        store(POST, 1, "Post", "dev.platform.api.post.PostPublished", "{\"title\":\"T\"}", actor(USER));
        store(USER, 2, "User", "dev.platform.api.user.Outer$Nested", "{}", null);
    }

    private static String actor(String id) {
        return "{\"actorId\":\"" + id + "\",\"requestId\":\"req-2\"}";
    }

    private static void store(
            String aggregate, long sequence, String aggregateType, String type, String payload, String metadata) {
        database.jdbc()
                .update(
                        "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                                + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                                + " VALUES (gen_random_uuid()::text, ?, ?, ?, ?, ?, NULL, ?, ?)",
                        aggregate,
                        sequence,
                        aggregateType,
                        "2026-03-01T10:00:0" + sequence + ".123456Z",
                        type,
                        payload.getBytes(StandardCharsets.UTF_8),
                        metadata == null ? null : metadata.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theGlobalStreamIsReadInPositionOrderAfterAPositionAWindowAtATime() {
        List<StoredEvent> all = events.after(0, 10, 0);
        assertThat(all).extracting(StoredEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.head()).isEqualTo(5);

        assertThat(events.after(2, 2, 0)).extracting(StoredEvent::position).containsExactly(3L, 4L);
        assertThat(events.after(2, 2, 2)).extracting(StoredEvent::position).containsExactly(5L);
        assertThat(events.after(5, 10, 0)).isEmpty();
        assertThat(events.countAfter(2)).isEqualTo(3);
    }

    @Test
    void anEventIsAnsweredWithItsAggregateItsTypesSimpleNameItsMillisecondAndWhoCausedIt() {
        StoredEvent created = events.after(1, 1, 0).get(0);

        assertThat(created.aggregateId()).isEqualTo(POST);
        assertThat(created.aggregateType()).isEqualTo("Post");
        assertThat(created.sequence()).isZero();
        assertThat(created.eventType()).isEqualTo("PostCreated");
        assertThat(created.occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
        assertThat(created.actorId()).isEqualTo(USER);
        assertThat(created.correlationId()).isEqualTo("req-2");
        assertThat(created.data().path("title").asText()).isEqualTo("T");
        assertThat(created.metadata().path("actorId").asText()).isEqualTo(USER);
    }

    @Test
    void anAnonymousEventHasNoActorAndAnEventWithoutMetadataHasEmptyMetadata() {
        StoredEvent registered = events.after(0, 1, 0).get(0);
        StoredEvent bare = events.after(4, 1, 0).get(0);

        assertThat(registered.actorId()).isNull();
        assertThat(registered.correlationId()).isEqualTo("req-1");
        assertThat(bare.eventType()).isEqualTo("Nested");
        assertThat(bare.actorId()).isNull();
        assertThat(bare.metadata().isEmpty()).isTrue();
    }

    @Test
    void anEventStoredInAnOlderShapeIsAnsweredInTheCurrentOne() {
        StoredEvent reshaped = events.after(2, 1, 0).get(0);

        assertThat(reshaped.data().path("bio").asText()).isEqualTo("old");
        assertThat(reshaped.data().path("reshaped").asBoolean()).isTrue();
    }

    @Test
    void anAggregatesHistoryIsReadInSequenceOrderAWindowAtATime() {
        assertThat(events.history(USER, 10, 0))
                .extracting(HistoryEntry::sequence, HistoryEntry::eventType)
                .containsExactly(tuple(0L, "UserRegistered"), tuple(1L, "Reshaped"), tuple(2L, "Nested"));
        assertThat(events.history(USER, 1, 1))
                .extracting(HistoryEntry::sequence)
                .containsExactly(1L);
        assertThat(events.history(USER, 10, 1).get(0).data().path("reshaped").asBoolean())
                .isTrue();
        assertThat(events.countOfAggregate(USER)).isEqualTo(3);
        assertThat(events.countOfAggregate("00000000-0000-0000-0000-000000000000"))
                .isZero();
    }

    @Test
    void readingAnAggregateStopsWhereTheVisitorStops() {
        List<Long> seen = new ArrayList<>();

        events.readAggregate(USER, event -> {
            seen.add(event.sequence());
            return event.sequence() < 1;
        });

        assertThat(seen).containsExactly(0L, 1L);
    }
}
