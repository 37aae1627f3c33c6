package dev.platform.notification;

import dev.platform.infra.axon.LingeringEventSource;
import dev.platform.infra.axon.ReadModelTables;
import dev.platform.infra.db.SchemaModule;
import java.time.Clock;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the notification side: its schema, its settings and its RabbitMQ consumers. */
@Configuration
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    /** The ledger, the notification side's view of users, subscriptions and posts, and db-scheduler's table. */
    @Bean
    SchemaModule notificationSchema() {
        return new SchemaModule("notification", 30);
    }

    /**
     * The audience's event source (notification-saga.yml names it): the event store, each batch gathering the events
     * of {@code platform.notifications.audience-linger}. No write waits for the audience (a publication answers once
     * stored; {@code GET /posts/{id}/notifications} waits for it), so its lateness costs nobody an answer.
     */
    @Bean
    LingeringEventSource audienceEvents(EventStore eventStore, NotificationProperties properties) {
        return new LingeringEventSource(eventStore, properties.audienceLinger());
    }

    /**
     * The audience's copies of users, subscriptions and posts, which only {@link NotificationAudience} writes: a
     * rebuild builds them beside the live ones. The delivery ledger and the account e-mails are not among them: the
     * saga and the workers write those, and a replay never selects or records anything.
     */
    @Bean
    ReadModelTables audienceTables() {
        return ReadModelTables.of(
                NotificationAudience.GROUP, "notification_user", "notification_subscriber", "notification_post");
    }

    @Bean
    MailWorker mailWorker(
            DeliveryLedger ledger,
            EmailComposer composer,
            SmtpConnections smtp,
            Clock clock,
            NotificationProperties properties,
            NotificationMetrics metrics,
            PlatformRate pace,
            AccountMailWorker accountMail) {
        return new MailWorker(ledger, composer, smtp, clock, properties, metrics, pace, accountMail);
    }

    /**
     * Competing consumers of the work queue, manual acknowledgements, bounded prefetch. A broker that is down
     * at start does not stop the application: the container reconnects by itself.
     */
    @Bean
    SimpleMessageListenerContainer mailWorkers(
            ConnectionFactory connectionFactory, MailWorker worker, NotificationProperties properties) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(properties.workQueue());
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setConcurrentConsumers(properties.consumers());
        container.setPrefetchCount(properties.prefetch());
        container.setDefaultRequeueRejected(false);
        container.setMissingQueuesFatal(false);
        // A worker takes what its consumer has prefetched a few messages at a time, so that each e-mail's record
        // travels with the next one's claim (see MailWorker); it does not wait long for a batch to fill.
        container.setConsumerBatchEnabled(true);
        container.setBatchSize(properties.batchSize());
        container.setReceiveTimeout(properties.batchWait().toMillis());
        container.setBatchReceiveTimeout(properties.batchWait().toMillis());
        container.setMessageListener(worker);
        return container;
    }
}
