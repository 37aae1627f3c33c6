package dev.platform.infra.axon;

import dev.platform.infra.db.StatementsAtCommit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store on PostgreSQL without Axon Server: the JDBC storage engine over Flyway-made snake_case tables
 * with {@code bytea} payloads and a {@code bigserial} global index.
 */
@Configuration
@EnableConfigurationProperties(EventStoreProperties.class)
class EventStoreConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Axon's JDBC event store as the autoconfiguration builds it, but reading {@code batch-size} events per query
     * instead of Axon's 100 (a processor replaying history, a rebuild, or catching up pays a round trip and a query
     * per batch; a live processor at the head reads what has arrived, whatever the size; an aggregate loads its
     * events in batches of the same size), parsing each event's time stamp once and reading the head at most once per
     * {@code head-fetch-interval} and sending a command's events with the other statements of its transaction at the commit
     * ({@link PlatformEventStorageEngine}), its reads outside a transaction of their own ({@link
     * ReadsOutsideTransactions}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer serializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connections,
            TransactionManager transactions,
            EventSchema schema,
            EventStoreProperties eventStore,
            StatementsAtCommit atCommit) {
        return PlatformEventStorageEngine.build(
                JdbcEventStorageEngine.builder()
                        .snapshotSerializer(serializer)
                        .eventSerializer(serializer)
                        .upcasterChain(configuration.upcasterChain())
                        .snapshotFilter(configuration.snapshotFilter())
                        .persistenceExceptionResolver(persistenceExceptionResolver)
                        .connectionProvider(connections)
                        .transactionManager(new ReadsOutsideTransactions(transactions))
                        .batchSize(eventStore.batchSize()),
                schema,
                eventStore.headFetchInterval(),
                atCommit);
    }
}
