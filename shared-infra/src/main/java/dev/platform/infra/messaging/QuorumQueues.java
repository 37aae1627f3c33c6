package dev.platform.infra.messaging;

import org.springframework.amqp.core.QueueBuilder;

/**
 * Quorum queues: replicated over a majority of the nodes of a RabbitMQ cluster (a classic queue lives on one
 * node, and classic mirroring is gone from RabbitMQ 4), and working on a single node too.
 */
public final class QuorumQueues {

    /**
     * Deliveries of one message after which RabbitMQ dead-letters it (or drops it, without a dead-letter
     * exchange): a message that keeps failing its consumer cannot circulate for ever. RabbitMQ 4 applies 20 to
     * every quorum queue by default; the argument makes 3.x do the same. It cannot be changed by redeclaring (the
     * broker refuses other arguments for an existing queue): an operator changes it with a policy.
     */
    public static final int DELIVERY_LIMIT = 20;

    private QuorumQueues() {}

    /** A durable quorum queue with the delivery limit; add dead-lettering as needed. */
    public static QueueBuilder durable(String name) {
        return QueueBuilder.durable(name).quorum().deliveryLimit(DELIVERY_LIMIT);
    }
}
