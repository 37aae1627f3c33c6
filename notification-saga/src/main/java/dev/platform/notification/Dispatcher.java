package dev.platform.notification;

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

    Dispatcher(
            DeliveryLedger ledger,
            RabbitTemplate rabbit,
            NotificationProperties properties,
            PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.rabbit = rabbit;
        this.properties = properties;
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
                ownTransaction.executeWithoutResult(status -> ledger.markQueued(postId, batch));
            } catch (DataAccessException e) {
                // Published but not marked: the next progress check publishes them again (harmless duplicates).
                log.warn("deliveries of post {} published but not marked queued: {}", postId, e.getMessage());
                return false;
            }
        }
    }
}
