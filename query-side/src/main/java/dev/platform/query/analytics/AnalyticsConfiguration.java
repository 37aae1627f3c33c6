package dev.platform.query.analytics;

import dev.platform.infra.messaging.QueueUpgrade;
import dev.platform.infra.messaging.QuorumQueues;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wiring of analytics: the durable page-view queue, the fire-and-forget sender and the consumers. */
@Configuration
@EnableConfigurationProperties(AnalyticsProperties.class)
class AnalyticsConfiguration {

    /**
     * Declared by Spring's RabbitAdmin whenever a connection opens (also after RabbitMQ comes back). A quorum queue,
     * for availability more than for durability (views are fire-and-forget anyway): a classic queue lives on one
     * node of a cluster, and while that node is down every view sent to it is dropped. The delivery limit ends a
     * view that keeps failing its consumer (requeued for ever before): after {@value QuorumQueues#DELIVERY_LIMIT}
     * deliveries it is dropped.
     */
    @Bean
    Queue pageViewQueue(AnalyticsProperties properties) {
        return QuorumQueues.durable(properties.queue()).build();
    }

    /** Moves the views left in the classic queue of the earlier layout into the quorum queue. */
    @Bean
    QueueUpgrade classicPageViewQueueUpgrade(
            ConnectionFactory connectionFactory, AnalyticsProperties properties, Queue pageViewQueue) {
        QueueUpgrade upgrade =
                new QueueUpgrade(List.of(new QueueUpgrade.Move(properties.classicQueue(), pageViewQueue, null, null)));
        connectionFactory.addConnectionListener(upgrade);
        return upgrade;
    }

    @Bean
    PageViews pageViews(RabbitTemplate rabbit, AnalyticsProperties properties, MeterRegistry meters) {
        return new PageViews(rabbit, properties, meters);
    }

    /**
     * Competing consumers of the page-view queue, acknowledged after the transaction committed. Each consumer takes
     * the views waiting for it as a batch of up to {@code platform.analytics.batch-size}, gathered for at most {@code
     * platform.analytics.batch-wait} (so a view waits no longer than that for its batch), and records it in one
     * transaction. A broker that is
     * down at start does not stop the application: the container reconnects by itself.
     */
    @Bean
    SimpleMessageListenerContainer pageViewConsumers(
            ConnectionFactory connectionFactory,
            PageViewTable pageViews,
            PageViewTally tally,
            PlatformTransactionManager transactions,
            AnalyticsProperties properties) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(properties.queue());
        container.setConcurrentConsumers(properties.consumers());
        container.setConsumerBatchEnabled(true);
        container.setBatchSize(properties.batchSize());
        container.setReceiveTimeout(properties.batchWait().toMillis());
        container.setBatchReceiveTimeout(properties.batchWait().toMillis());
        container.setPrefetchCount(Math.max(50, properties.batchSize()));
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setMissingQueuesFatal(false);
        container.setMessageListener(new PageViewConsumer(pageViews, tally, new TransactionTemplate(transactions)));
        return container;
    }
}
