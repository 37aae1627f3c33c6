package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.app.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform's event store reads the stream exactly as Axon's own JDBC engine does (tracking tokens with their
 * gaps, time stamps, every field), over a real PostgreSQL: events older than the gap timeout and recent ones,
 * global indexes with holes (a transaction that never committed), and a reader starting from a token with gaps.
 */
class PlatformEventStorageEngineTest {

    private static final EventSchema SCHEMA = new EventStoreConfiguration().eventSchema();
    private static String url;

    @BeforeAll
    static void eventStore() throws Exception {
        url = TestDatabase.create("event_store");
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(migration());
        }
        Instant old = Instant.parse("2025-03-01T10:00:00.120Z");
        Instant recent = Instant.now().minus(5, ChronoUnit.SECONDS);
        // indexes 1..40 old, 41..80 recent; 7, 8, 23, 55 and 70 never committed
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry (global_index,"
                        + " event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                        + " payload, meta_data) VALUES (?, ?, ?, ?, 'Post', ?, 'java.util.Map', ?, ?)")) {
            for (int index = 1; index <= 80; index++) {
                if (List.of(7, 8, 23, 55, 70).contains(index)) {
                    continue;
                }
                Instant at = (index <= 40 ? old : recent).plusMillis(index);
                insert.setLong(1, index);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, "post-" + index % 4);
                insert.setLong(4, index);
                // Axon writes millisecond text; Instant.toString (any fraction) is read as well
                insert.setString(5, index % 2 == 0 ? DateTimeUtils.formatInstant(at) : at.toString());
                insert.setBytes(6, ("{\"n\":" + index + "}").getBytes(StandardCharsets.UTF_8));
                insert.setBytes(7, "{\"actorId\":\"a\"}".getBytes(StandardCharsets.UTF_8));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Test
    void theHeadIsReadAtMostOncePerIntervalAndAReaderThatMayNotBlockNeverWaits() {
        EventStorageEngine engine = PlatformEventStorageEngine.build(builder(), SCHEMA, Duration.ofSeconds(1));

        long first = System.nanoTime();
        assertThat(engine.readEvents(null, true).count()).isEqualTo(75);
        long second = System.nanoTime();
        assertThat(engine.readEvents(null, true).count()).isEqualTo(75);
        long third = System.nanoTime();
        assertThat(engine.readEvents(null, false).count()).isEqualTo(75);
        long end = System.nanoTime();

        assertThat(Duration.ofNanos(third - first))
                .as("the second read of the head began an interval after the first")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(Duration.ofNanos(end - third))
                .as("a reader behind the head (mayBlock false) does not wait for the interval")
                .isLessThan(Duration.ofMillis(900));
        assertThat(Duration.ofNanos(second - first))
                .as("the first read of the head does not wait")
                .isLessThan(Duration.ofMillis(900));
    }

    @Test
    void readsTheStreamAsAxonsEngineDoes() {
        // holes among recent events stay gaps (a slow transaction may still commit them), older ones do not
        assertThat(sameStream(null).getGaps()).containsExactly(55L, 70L);
    }

    @Test
    void continuesFromATokenWithGapsAsAxonsEngineDoes() {
        assertThat(sameStream(GapAwareTrackingToken.newInstance(30, List.of(7L, 8L, 23L)))
                        .getGaps())
                .containsExactly(55L, 70L);
        assertThat(sameStream(GapAwareTrackingToken.newInstance(50, List.of(23L, 41L, 48L)))
                        .getGaps())
                .containsExactly(23L, 55L, 70L);
    }

    /** Reads from {@code from} with both engines, asserts they agree, and answers the last token. */
    private static GapAwareTrackingToken sameStream(TrackingToken from) {
        List<? extends TrackedEventMessage<?>> axon =
                axonsEngine().readEvents(from, false).toList();
        List<? extends TrackedEventMessage<?>> ours =
                platformEngine().readEvents(from, false).toList();
        assertThat(ours).hasSameSizeAs(axon).isNotEmpty();
        for (int i = 0; i < axon.size(); i++) {
            DomainEventMessage<?> expected = (DomainEventMessage<?>) axon.get(i);
            DomainEventMessage<?> actual = (DomainEventMessage<?>) ours.get(i);
            assertThat(((TrackedEventMessage<?>) actual).trackingToken())
                    .isEqualTo(((TrackedEventMessage<?>) expected).trackingToken());
            assertThat(actual.getIdentifier()).isEqualTo(expected.getIdentifier());
            assertThat(actual.getTimestamp()).isEqualTo(expected.getTimestamp());
            assertThat(actual.getAggregateIdentifier()).isEqualTo(expected.getAggregateIdentifier());
            assertThat(actual.getSequenceNumber()).isEqualTo(expected.getSequenceNumber());
            assertThat(actual.getType()).isEqualTo(expected.getType());
            assertThat(actual.getPayload()).isEqualTo(expected.getPayload());
            assertThat(actual.getMetaData()).isEqualTo(expected.getMetaData());
        }
        GapAwareTrackingToken last =
                (GapAwareTrackingToken) ours.get(ours.size() - 1).trackingToken();
        assertThat(last.getIndex()).isEqualTo(80);
        return last;
    }

    private static JdbcEventStorageEngine.Builder builder() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        ConnectionProvider connections = PlatformEventStorageEngineTest::connect;
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                // small batches, so that a read spans several queries
                .batchSize(7);
    }

    private static EventStorageEngine axonsEngine() {
        return builder().schema(SCHEMA).build();
    }

    private static EventStorageEngine platformEngine() {
        return PlatformEventStorageEngine.build(builder(), SCHEMA, Duration.ZERO);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
    }

    private static String migration() throws IOException {
        try (var in = PlatformEventStorageEngineTest.class.getResourceAsStream("/db/axon/V1__axon_tables.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
