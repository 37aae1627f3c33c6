package dev.platform.infra.axon;

import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dead letters in {@code dead_letter_entry}: a failing event parks in its group's queue and is tried again later
 * ({@link DeadLetterPolicy}, {@link DeadLetterRetries}).
 */
@Configuration
@EnableConfigurationProperties(DeadLetterProperties.class)
class DeadLetterConfiguration {

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

    /** Every processor's dead-letter queue decides with the same policy. */
    @Bean
    ConfigurerModule deadLetterPolicy(DeadLetterProperties deadLetters, Clock clock) {
        DeadLetterPolicy policy = new DeadLetterPolicy(deadLetters, clock);
        return configurer -> configurer.eventProcessing().registerDefaultDeadLetterPolicy(config -> policy);
    }
}
