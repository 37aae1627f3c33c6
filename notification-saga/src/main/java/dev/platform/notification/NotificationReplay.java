package dev.platform.notification;

import dev.platform.api.notification.DeliveriesReplayed;
import dev.platform.api.post.PostId;
import dev.platform.infra.axon.MessageMetadata;
import dev.platform.infra.web.RequestIds;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's replay of failed deliveries. The ledger is the truth: failed rows go back to {@code selected}
 * (attempts and retry window reset, {@code in_doubt} kept), and a {@link DeliveriesReplayed} per post, stored in
 * the same transaction, brings the post's saga (a new one when it has ended) to dispatch them and follow them
 * through leases and retries. A delivery already sent is not touched, so nobody gets a second e-mail. The
 * messages parked in the dead-letter queue for those deliveries are left there, and ignored: RabbitMQ cannot
 * remove chosen messages from a queue, and the dead-letter queue is a record of what failed, not a to-do list.
 */
@Service
class NotificationReplay {

    private static final Logger log = LoggerFactory.getLogger(NotificationReplay.class);

    private final DeliveryLedger ledger;
    private final EventBus eventBus;

    NotificationReplay(DeliveryLedger ledger, EventBus eventBus) {
        this.ledger = ledger;
        this.eventBus = eventBus;
    }

    /**
     * Replays the failed deliveries of one post, or of every post ({@code postId} null).
     *
     * @return how many deliveries were put back
     */
    @Transactional
    int replay(UUID postId) {
        Map<UUID, Integer> replayed = ledger.replayFailed(postId);
        String requestId = MDC.get(RequestIds.MDC_KEY);
        MetaData metaData =
                requestId == null ? MetaData.emptyInstance() : MetaData.with(MessageMetadata.REQUEST_ID, requestId);
        replayed.forEach((post, deliveries) -> eventBus.publish(
                GenericEventMessage.asEventMessage(new DeliveriesReplayed(new PostId(post), deliveries))
                        .andMetaData(metaData)));
        int total = replayed.values().stream().mapToInt(Integer::intValue).sum();
        log.info("replay of failed deliveries: {} of {} post(s) put back", total, replayed.size());
        return total;
    }
}
