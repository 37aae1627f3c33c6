package dev.platform.notification;

import dev.platform.infra.messaging.QueueUpgrade;
import dev.platform.infra.messaging.QuorumQueues;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
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
 * <p>There is no retry queue any more (issue 13): a delivery waiting for its next attempt waits in the ledger
 * ({@code retrying}, {@code next_attempt_at}) and the saga publishes it again when it is due. A retry queue of an
 * earlier version is left alone: its messages still expire into the work exchange, where a worker drops them
 * (their delivery is not claimable while it waits in the ledger); an operator deletes it once empty.
 *
 * <p>The work and dead-letter queues are quorum queues (replicated in a cluster) with a delivery limit: a message
 * delivered {@value QuorumQueues#DELIVERY_LIMIT} times without an acknowledgement (a consumer that keeps dying on
 * it) is dead-lettered into the dead-letter queue. Dead-lettering is at least once: RabbitMQ keeps a rejected
 * message in the work queue until the dead-letter queue has confirmed it. Their names end in {@code .v2}: the
 * classic queues of the earlier layout cannot change type in place, so {@link #classicQueueUpgrade} drains them.
 */
@Configuration
class NotificationTopology {

    static final String EMAIL_ROUTING_KEY = "email";
    static final String DEAD_ROUTING_KEY = "dead";

    @Bean
    Declarables notificationQueues(NotificationProperties properties) {
        DirectExchange work = new DirectExchange(properties.exchange(), true, false);
        DirectExchange dead = new DirectExchange(properties.deadLetterExchange(), true, false);
        Queue workQueue = workQueue(properties);
        Queue deadQueue = deadQueue(properties);
        Binding workBinding = BindingBuilder.bind(workQueue).to(work).with(EMAIL_ROUTING_KEY);
        Binding deadBinding = BindingBuilder.bind(deadQueue).to(dead).with(DEAD_ROUTING_KEY);
        return new Declarables(work, dead, workQueue, deadQueue, workBinding, deadBinding);
    }

    /**
     * Moves what the classic queues of the earlier layout hold into the quorum queues, whenever a connection opens:
     * the work queue's messages are e-mails still to send, the dead-letter queue's are parked ones.
     */
    @Bean
    QueueUpgrade classicQueueUpgrade(ConnectionFactory connectionFactory, NotificationProperties properties) {
        QueueUpgrade upgrade = new QueueUpgrade(List.of(
                new QueueUpgrade.Move(
                        properties.classicWorkQueue(), workQueue(properties), properties.exchange(), EMAIL_ROUTING_KEY),
                new QueueUpgrade.Move(
                        properties.classicDeadLetterQueue(),
                        deadQueue(properties),
                        properties.deadLetterExchange(),
                        DEAD_ROUTING_KEY)));
        connectionFactory.addConnectionListener(upgrade);
        return upgrade;
    }

    private static Queue workQueue(NotificationProperties properties) {
        return QuorumQueues.durable(properties.workQueue())
                .deadLetterExchange(properties.deadLetterExchange())
                .deadLetterRoutingKey(DEAD_ROUTING_KEY)
                .overflow(QueueBuilder.Overflow.rejectPublish)
                .withArgument("x-dead-letter-strategy", "at-least-once")
                .build();
    }

    private static Queue deadQueue(NotificationProperties properties) {
        return QuorumQueues.durable(properties.deadLetterQueue()).build();
    }
}
