package dev.platform.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the selected deliveries of a post to RabbitMQ in batches, each batch confirmed by the broker
 * before its rows are marked queued (in a short transaction of its own, so workers never wait on the saga).
 * A crash between the confirm and the mark publishes a batch twice; the ledger's claim makes the second copy
 * a no-op. With RabbitMQ down nothing is marked: the saga tries again at its next progress check.
 */
@Component
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryLedger ledger;
    private final RabbitTemplate rabbit;
    private final NotificationProperties properties;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    Dispatcher(
            DeliveryLedger ledger,
            RabbitTemplate rabbit,
            NotificationProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.ledger = ledger;
        this.rabbit = rabbit;
        this.properties = properties;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Publishes every delivery of the post still in {@code selected}.
     *
     * A failure of RabbitMQ or of the ledger is not thrown: it would fail the saga's handler and lose its next
     * progress check; the deliveries stay {@code selected} and that check publishes them.
     *
     * @return false when RabbitMQ or the ledger failed (what is left stays selected)
     */
    boolean dispatch(UUID postId, String requestId) {
        UUID after = null;
        long ahead = -1;
        while (true) {
            UUID from = after;
            List<UUID> batch;
            try {
                batch = ownTransaction.execute(status -> ledger.selected(postId, from, properties.dispatchBatch()));
            } catch (DataAccessException e) {
                log.warn("deliveries of post {} wait for the next attempt: {}", postId, e.getMessage());
                return false;
            }
            if (batch == null || batch.isEmpty()) {
                // A delivery selected again behind the walk (a cancelled one re-selected meanwhile) is published
                // at the saga's next progress check, which walks from the start.
                return true;
            }
            after = batch.get(batch.size() - 1);
            if (ahead < 0) {
                ahead = queueDepth();
            }
            ahead += batch.size();
            Instant leaseUntil = clock.instant().plus(queueWait(ahead));
            try {
                rabbit.invoke(ops -> {
                    for (UUID subscriber : batch) {
                        ops.send(
                                properties.exchange(),
                                NotificationTopology.EMAIL_ROUTING_KEY,
                                new DeliveryJob(postId, subscriber).toMessage(requestId));
                    }
                    ops.waitForConfirmsOrDie(30_000);
                    return null;
                });
            } catch (AmqpException e) {
                log.warn(
                        "RabbitMQ unavailable; deliveries of post {} wait for the next attempt: {}",
                        postId,
                        e.getMessage());
                return false;
            }
            try {
                ownTransaction.executeWithoutResult(status -> ledger.markQueued(postId, batch, leaseUntil));
            } catch (DataAccessException e) {
                // Published but not marked: the next progress check publishes them again (harmless duplicates).
                log.warn("deliveries of post {} published but not marked queued: {}", postId, e.getMessage());
                return false;
            }
        }
    }

    /**
     * The lease of a queued delivery with {@code ahead} messages before it (its own included): twice the time the
     * platform's rate needs to send them, plus a margin. Too short, and a message still waiting its turn is taken
     * for lost and published once more (the copy is dropped by the ledger's claim, and the next lease is longer);
     * too long only delays the recovery of a message really lost.
     */
    Duration queueWait(long ahead) {
        Duration margin = properties.queueLeaseMargin();
        if (properties.ratePerSecond() <= 0) {
            return margin;
        }
        return margin.plusMillis((long) Math.ceil(ahead * 2000.0 / properties.ratePerSecond()));
    }

    /**
     * Messages waiting in the work queue, as RabbitMQ counts them (ready ones; at most consumers × prefetch more
     * are unacknowledged). It is read once per dispatch: counting the open deliveries of every post in the ledger
     * instead would scan the whole table, which keeps every delivery ever made and has no index on status (V2).
     * 0 when RabbitMQ cannot tell (the publish that follows fails anyway).
     */
    private long queueDepth() {
        try {
            Long depth = rabbit.execute(channel -> channel.messageCount(properties.workQueue()));
            return depth == null ? 0 : depth;
        } catch (AmqpException e) {
            return 0;
        }
    }
}
