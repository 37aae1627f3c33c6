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
 * </ul>
 *
 * There is no retry queue any more (issue 13): a delivery waiting for its next attempt waits in the ledger
 * ({@code retrying}, {@code next_attempt_at}) and the saga publishes it again when it is due. A retry queue of an
 * earlier version is left alone: its messages still expire into the work exchange, where a worker drops them
 * (their delivery is not claimable while it waits in the ledger); an operator deletes it once empty.
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
        Queue deadQueue = QueueBuilder.durable(properties.deadLetterQueue()).build();
        Binding workBinding = BindingBuilder.bind(workQueue).to(work).with(EMAIL_ROUTING_KEY);
        Binding deadBinding = BindingBuilder.bind(deadQueue).to(dead).with(DEAD_ROUTING_KEY);
        return new Declarables(work, dead, workQueue, deadQueue, workBinding, deadBinding);
    }
}
