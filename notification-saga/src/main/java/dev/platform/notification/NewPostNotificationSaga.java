package dev.platform.notification;

import dev.platform.api.notification.DeliveriesReplayed;
import dev.platform.api.notification.RecipientsSelected;
import dev.platform.api.post.PostPublished;
import dev.platform.infra.axon.MessageMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

/**
 * The new-post notification process of one post.
 *
 * <p>It starts on {@code PostPublished}. The audience processor then records the recipients of that
 * publication in the delivery ledger and emits {@code RecipientsSelected}; the saga publishes those deliveries
 * to RabbitMQ (e-mail workers send them) and checks on them every {@code progress-interval} through a
 * persistent deadline: it publishes again what RabbitMQ could not take, deliveries whose lease has expired (a
 * message lost, a worker dead or hung while sending) and deliveries whose next attempt is due, and ends once
 * every publication it saw has had its recipients selected and no delivery of the post is open (retrying ones
 * included, which can take a day). A republication or an admin's replay while it runs joins it; one after it
 * ended starts a new one.
 *
 * <p>It checks every {@code progress-interval} while deliveries are on their way (any of them may fail, or lose
 * its lease, at any moment). When every open delivery is waiting for its next attempt, it checks when the
 * earliest is due (at most an hour later): a post whose last e-mails wait an hour for a greylisting server is not
 * polled every few seconds meanwhile.
 *
 * <p>State is a few counters and the post id, never the recipients: those live in the ledger.
 */
@Saga
@ProcessingGroup(NewPostNotificationSaga.GROUP)
public class NewPostNotificationSaga {

    private static final Logger log = LoggerFactory.getLogger(NewPostNotificationSaga.class);

    static final String GROUP = "notification-saga";
    static final String PROGRESS = "notification-progress";
    /** The longest wait between two checks, whatever the ledger says (a clock step, a row changed by hand). */
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private UUID postId;
    private int publications;
    private int selections;

    @Autowired
    private transient Dispatcher dispatcher;

    @Autowired
    private transient DeliveryLedger ledger;

    @Autowired
    private transient DeadlineManager deadlines;

    @Autowired
    private transient NotificationProperties properties;

    @Autowired
    private transient Clock clock;

    /** Axon instantiates sagas reflectively, without breaking access rules: public class, public constructor. */
    public NewPostNotificationSaga() {
        // state comes from the events
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "postId")
    void on(PostPublished event) {
        postId = event.postId().value();
        publications++;
        checkAgainLater();
    }

    @SagaEventHandler(associationProperty = "postId")
    void on(RecipientsSelected event, @MetaDataValue(MessageMetadata.REQUEST_ID) String requestId) {
        selections++;
        dispatcher.dispatch(postId, requestId);
        endWhenDone();
    }

    /** An admin put failed deliveries of the post back; it starts a saga when the post's has ended. */
    @StartSaga
    @SagaEventHandler(associationProperty = "postId")
    void on(DeliveriesReplayed event, @MetaDataValue(MessageMetadata.REQUEST_ID) String requestId) {
        postId = event.postId().value();
        dispatcher.dispatch(postId, requestId);
        endWhenDone();
    }

    @DeadlineHandler(deadlineName = PROGRESS)
    void progress() {
        try {
            DeliveryLedger.Reclaimed reclaimed = ledger.reclaim(postId);
            if (reclaimed.expired() > 0) {
                log.warn(
                        "post {}: {} deliveries taken back after their lease expired, published again",
                        postId,
                        reclaimed.expired());
            }
        } catch (DataAccessException e) {
            log.warn("post {}: leases and retries not looked at this time: {}", postId, e.getMessage());
        }
        dispatcher.dispatch(postId, null);
        endWhenDone();
    }

    /**
     * Ends the saga when nothing is open, else makes sure the next progress check comes. A ledger failure here
     * must not fail the handler: a failed handler would lose that check, and the deliveries would wait for
     * db-scheduler's retry of a failed task (minutes).
     */
    private void endWhenDone() {
        DeliveryLedger.Open open = openDeliveries();
        if (selections >= publications && open != null && open.count() == 0) {
            deadlines.cancelAllWithinScope(PROGRESS);
            SagaLifecycle.end();
        } else {
            checkAgainLater(open);
        }
    }

    /** The post's open deliveries; null when the ledger cannot tell this time. */
    private DeliveryLedger.Open openDeliveries() {
        try {
            return ledger.openDeliveries(postId);
        } catch (DataAccessException e) {
            log.warn("post {}: progress not known this time: {}", postId, e.getMessage());
            return null;
        }
    }

    private void checkAgainLater() {
        checkAgainLater(null);
    }

    /**
     * The next check: after {@code progress-interval} while deliveries are on their way or the ledger cannot tell,
     * else when the earliest retry comes due (not sooner than {@code progress-interval}, not later than an hour).
     */
    private void checkAgainLater(DeliveryLedger.Open open) {
        Duration wait = properties.progressInterval();
        if (open != null && open.onTheirWay() == 0 && open.nextAttemptAt() != null) {
            Duration untilDue = Duration.between(clock.instant(), open.nextAttemptAt());
            wait = untilDue.compareTo(wait) < 0 ? wait : untilDue.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : untilDue;
        }
        deadlines.cancelAllWithinScope(PROGRESS);
        deadlines.schedule(wait, PROGRESS);
    }

    /** For tests and logs. */
    @Override
    public String toString() {
        return "NewPostNotificationSaga[post=" + postId + ", publications=" + publications + ", selections="
                + selections + "]";
    }
}
