package dev.platform.query.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wiring of analytics: the durable post-view queue, the fire-and-forget sender and the consumers. */
@Configuration
@EnableConfigurationProperties(AnalyticsProperties.class)
class AnalyticsConfiguration {

    /** Declared by Spring's RabbitAdmin whenever a connection opens (also after RabbitMQ comes back). */
    @Bean
    Queue postViewQueue(AnalyticsProperties properties) {
        return QueueBuilder.durable(properties.queue()).build();
    }

    @Bean
    PostViews postViews(RabbitTemplate rabbit, AnalyticsProperties properties, MeterRegistry meters) {
        return new PostViews(rabbit, properties, meters);
    }

    /**
     * Competing consumers of the post-view queue, acknowledged after the transaction committed. A broker that
     * is down at start does not stop the application: the container reconnects by itself.
     */
    @Bean
    SimpleMessageListenerContainer postViewConsumers(
            ConnectionFactory connectionFactory,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            AnalyticsProperties properties) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(properties.queue());
        container.setConcurrentConsumers(properties.consumers());
        container.setPrefetchCount(50);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setMissingQueuesFatal(false);
        container.setMessageListener(new PostViewConsumer(jdbc, new TransactionTemplate(transactions)));
        return container;
    }
}
