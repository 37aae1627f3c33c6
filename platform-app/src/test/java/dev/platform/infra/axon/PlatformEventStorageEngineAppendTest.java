package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.app.TestDatabase;
import dev.platform.infra.db.StatementsAtCommit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the platform's event store appends a command's events over a real PostgreSQL: inside a transaction they are
 * stored at its commit, with its other kept statements ({@link StatementsAtCommit}), as the very rows Axon's own
 * engine stores; a lost race for an (aggregate, sequence number) slot fails the commit as Axon's append fails; and
 * outside a transaction an append is stored at once.
 */
class PlatformEventStorageEngineAppendTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123Z");
    private static String url;
    private static SingleConnectionDataSource dataSource;
    private static SingleConnectionDataSource otherDataSource;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;
    private static EventStorageEngine ours;
    /** Axon's own append, on a connection of its own that commits each append: another writer. */
    private static EventStorageEngine axons;

    @BeforeAll
    static void eventStore() throws IOException {
        url = TestDatabase.create("event_append");
        dataSource = new SingleConnectionDataSource(url, TestDatabase.user(), TestDatabase.password(), true);
        dataSource.setAutoCommit(true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute(migration());
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        transaction = new TransactionTemplate(transactions);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        var builder = org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .persistenceExceptionResolver(new PostgresDuplicateKeys())
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(transactions));
        var schema = new EventStoreConfiguration().eventSchema();
        ours = PlatformEventStorageEngine.build(builder, schema, Duration.ZERO, new StatementsAtCommit(jdbc));
        otherDataSource = new SingleConnectionDataSource(url, TestDatabase.user(), TestDatabase.password(), true);
        otherDataSource.setAutoCommit(true);
        axons = org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .persistenceExceptionResolver(new PostgresDuplicateKeys())
                .connectionProvider(new SpringDataSourceConnectionProvider(otherDataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(schema)
                .build();
    }

    @AfterAll
    static void close() {
        dataSource.destroy();
        otherDataSource.destroy();
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>(
                "Post",
                aggregate,
                sequence,
                Map.of("title", "T \u00e9", "n", sequence),
                MetaData.with("actorId", "a"),
                UUID.randomUUID().toString(),
                AT);
    }

    private static long stored(String aggregate) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregate);
    }

    /** The columns of an aggregate's first event but those that name it. */
    private static Map<String, Object> row(String aggregate) {
        return jdbc.queryForMap(
                "SELECT sequence_number, type, time_stamp, payload_type, payload_revision,"
                        + " convert_from(payload, 'UTF8') AS payload, convert_from(meta_data, 'UTF8') AS meta_data"
                        + " FROM domain_event_entry WHERE aggregate_identifier = ?",
                aggregate);
    }

    @Test
    void inATransactionTheEventsAreStoredAtItsCommitAsAxonsEngineStoresThem() {
        String deferred = "deferred-" + UUID.randomUUID();
        String atOnce = "at-once-" + UUID.randomUUID();

        long seenBeforeTheCommit = transaction.execute(status -> {
            ours.appendEvents(List.of(event(deferred, 0)));
            return stored(deferred);
        });
        axons.appendEvents(List.of(event(atOnce, 0)));

        assertThat(seenBeforeTheCommit).isZero();
        assertThat(stored(deferred)).isEqualTo(1);
        assertThat(row(deferred)).isEqualTo(row(atOnce));
        assertThat(ours.readEvents(deferred).asStream().toList())
                .singleElement()
                .satisfies(read -> assertThat(read.getPayload()).isEqualTo(Map.of("title", "T \u00e9", "n", 0)));
    }

    @Test
    void aLostRaceForAnAggregatesFirstSlotFailsTheCommitAsAxonsAppendFails() {
        String aggregate = "race-" + UUID.randomUUID();

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    ours.appendEvents(List.of(event(aggregate, 0)));
                    // Another writer takes the slot and commits first: the race is lost at this commit.
                    axons.appendEvents(List.of(event(aggregate, 0)));
                }))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(stored(aggregate)).isEqualTo(1);
    }

    @Test
    void aLostRaceForALaterSlotIsAConcurrencyException() {
        String aggregate = "race-" + UUID.randomUUID();
        axons.appendEvents(List.of(event(aggregate, 0)));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    ours.appendEvents(List.of(event(aggregate, 1)));
                    axons.appendEvents(List.of(event(aggregate, 1)));
                }))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(stored(aggregate)).isEqualTo(2);
    }

    @Test
    void outsideATransactionAnAppendIsStoredAtOnce() {
        String aggregate = "alone-" + UUID.randomUUID();

        ours.appendEvents(List.of(event(aggregate, 0)));

        assertThat(stored(aggregate)).isEqualTo(1);
    }

    private static String migration() throws IOException {
        try (var in = PlatformEventStorageEngineAppendTest.class.getResourceAsStream("/db/axon/V1__axon_tables.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
