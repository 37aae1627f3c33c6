package dev.platform.infra.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import dev.platform.infra.cluster.ClusterNode;
import dev.platform.infra.web.RequestIds;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC storage engine over Flyway-made snake_case tables with
 * {@code bytea} payloads and a {@code bigserial} global index, and Jackson everywhere with a mapper of Axon's
 * own (the web mapper's snake_case and settings must never change the stored format).
 */
@Configuration
// Axon's own TokenStoreProperties (axon.eventhandling.tokenstore.*) is bound by its JDBC autoconfiguration.
@EnableConfigurationProperties({DeadLetterProperties.class, EventStoreProperties.class, ReadYourWritesProperties.class})
public class AxonInfrastructure {

    /** Metadata keys every message carries from the request that caused it. */
    public static final String REQUEST_ID = "requestId";

    public static final String ACTOR_ID = "actorId";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The one serializer of events, messages, snapshots, tokens and sagas. */
    @Bean
    @Primary
    Serializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                // After the JavaTimeModule, so that its instant deserializer is the one asked first.
                .registerModule(
                        new SimpleModule("platform-instants").addDeserializer(Instant.class, new FastInstants()))
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /**
     * Instants of payloads in the shape Jackson writes them through {@link EventTimestamps}, without the
     * JavaTimeModule's {@code DateTimeFormatter} (6 % of a rebuild's CPU); any other shape as that module reads it.
     */
    static final class FastInstants extends StdScalarDeserializer<Instant> {

        FastInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = EventTimestamps.parseUtc(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

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
     * events in batches of the same size), and parsing each event's time stamp once ({@link
     * PlatformEventStorageEngine}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer serializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connections,
            TransactionManager transactions,
            EventSchema schema,
            EventStoreProperties eventStore) {
        return PlatformEventStorageEngine.build(
                JdbcEventStorageEngine.builder()
                        .snapshotSerializer(serializer)
                        .eventSerializer(serializer)
                        .upcasterChain(configuration.upcasterChain())
                        .snapshotFilter(configuration.snapshotFilter())
                        .persistenceExceptionResolver(persistenceExceptionResolver)
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .batchSize(eventStore.batchSize()),
                schema);
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon's JDBC token store as the autoconfiguration would build it, but with an owner name unique to this
     * application instance ({@link ClusterNode}): Axon's default ({@code pid@host}) is the same for two
     * applications in one JVM, which would then take each other's segment claims for their own. Claims decide who
     * may process a segment and whether a projection may be reset (another node's claim refuses it), so every
     * instance needs its own name.
     */
    @Bean
    TokenStore tokenStore(
            ConnectionProvider connections,
            Serializer serializer,
            TokenSchema schema,
            ClusterNode node,
            TokenStoreProperties tokenStore) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .schema(schema)
                .serializer(serializer)
                .claimTimeout(tokenStore.getClaimTimeout())
                .nodeId(node.id())
                .build();
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new GenericSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** The request id and the acting user travel from a command into every event it causes, and on from there. */
    @Bean
    CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(REQUEST_ID, ACTOR_ID);
    }

    /** Commands leave the gateway with the request id and the authenticated caller in their metadata. */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        MessageDispatchInterceptor<CommandMessage<?>> requestMetadata = messages -> (index, command) -> {
            String requestId = RequestIds.current();
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            Map<String, String> metadata = new java.util.HashMap<>();
            if (requestId != null && !command.getMetaData().containsKey(REQUEST_ID)) {
                metadata.put(REQUEST_ID, requestId);
            }
            if (authentication != null
                    && authentication.getPrincipal() instanceof dev.platform.infra.security.AuthenticatedUser user
                    && !command.getMetaData().containsKey(ACTOR_ID)) {
                metadata.put(ACTOR_ID, user.id().toString());
            }
            return metadata.isEmpty() ? command : command.andMetaData(metadata);
        };
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .dispatchInterceptors(List.of(requestMetadata))
                .build();
    }

    /**
     * Event processors are pooled streaming processors unless a group says otherwise. Each logs with the request
     * id of the event it handles, reports after commit which aggregate version it has applied (read-your-writes,
     * see {@link ReadYourWrites}), and after a failed batch handles the next one event by event ({@link
     * EventByEvent}). A failing event parks in its group's dead-letter queue and is tried again later ({@link
     * DeadLetterPolicy}, {@link DeadLetterRetries}).
     */
    @Bean
    ConfigurerModule eventProcessing(
            ReadYourWrites readYourWrites, EventByEvent eventByEvent, DeadLetterProperties deadLetters, Clock clock) {
        DeadLetterPolicy policy = new DeadLetterPolicy(deadLetters, clock);
        return configurer -> configurer
                .eventProcessing()
                .usingPooledStreamingEventProcessors()
                .registerDefaultDeadLetterPolicy(config -> policy)
                .registerDefaultHandlerInterceptor((config, processorName) -> (unitOfWork, chain) -> {
                    var event = unitOfWork.getMessage();
                    Object requestId = event.getMetaData().get(REQUEST_ID);
                    // An admin's retry of a parked event runs in the admin's request thread: its id comes back after.
                    String outer = MDC.get(RequestIds.MDC_KEY);
                    if (requestId != null) {
                        MDC.put(RequestIds.MDC_KEY, requestId.toString());
                    }
                    try {
                        eventByEvent.track(processorName, unitOfWork);
                        readYourWrites.trackCommit(processorName, unitOfWork);
                        return chain.proceed();
                    } finally {
                        if (outer == null) {
                            MDC.remove(RequestIds.MDC_KEY);
                        } else {
                            MDC.put(RequestIds.MDC_KEY, outer);
                        }
                    }
                });
    }
}
