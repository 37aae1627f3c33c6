package dev.platform.notification;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The RabbitMQ names of e-mail delivery, all durable:
 *
 * <ul>
 *   <li>{@code <prefix>.notifications} (direct exchange) routes {@code email} to the work queue, which the
 *       workers consume with manual acknowledgements;
 *   <li>the work queue dead-letters to {@code <prefix>.notifications.dlx}, which parks messages in the
 *       dead-letter queue: permanent failures and exhausted retries end there, never dropped;
 *   <li>the retry queue has no consumer: a message waits there for its own expiration (the backoff of its
 *       attempt) and then dead-letters back to the work exchange.
 * </ul>
 */
@Configuration
class NotificationTopology {

    static final String EMAIL_ROUTING_KEY = "email";
    static final String DEAD_ROUTING_KEY = "dead";

    @Bean
    Declarables notificationQueues(NotificationProperties properties) {
        DirectExchange work = new DirectExchange(properties.exchange(), true, false);
        DirectExchange dead = new DirectExchange(properties.deadLetterExchange(), true, false);
        Queue workQueue = QueueBuilder.durable(properties.workQueue())
                .deadLetterExchange(properties.deadLetterExchange())
                .deadLetterRoutingKey(DEAD_ROUTING_KEY)
                .build();
        Queue retryQueue = QueueBuilder.durable(properties.retryQueue())
                .deadLetterExchange(properties.exchange())
                .deadLetterRoutingKey(EMAIL_ROUTING_KEY)
                .build();
        Queue deadQueue = QueueBuilder.durable(properties.deadLetterQueue()).build();
        Binding workBinding = BindingBuilder.bind(workQueue).to(work).with(EMAIL_ROUTING_KEY);
        Binding deadBinding = BindingBuilder.bind(deadQueue).to(dead).with(DEAD_ROUTING_KEY);
        return new Declarables(work, dead, workQueue, retryQueue, deadQueue, workBinding, deadBinding);
    }
}
