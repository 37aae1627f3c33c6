package dev.platform.notification;

import dev.platform.api.notification.RecipientsSelected;
import dev.platform.api.post.PostPublished;
import dev.platform.infra.axon.AxonInfrastructure;
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
 * persistent deadline: it publishes again what RabbitMQ could not take, puts back deliveries whose message was
 * lost, and ends once every publication it saw has had its recipients selected and no delivery of the post is
 * open. A republication while it runs joins it; one after it ended starts a new one.
 *
 * <p>State is a few counters and the post id, never the recipients: those live in the ledger.
 */
@Saga
@ProcessingGroup(NewPostNotificationSaga.GROUP)
public class NewPostNotificationSaga {

    private static final Logger log = LoggerFactory.getLogger(NewPostNotificationSaga.class);

    static final String GROUP = "notification-saga";
    static final String PROGRESS = "notification-progress";
    private static final Duration STALE = Duration.ofMinutes(10);

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
    void on(RecipientsSelected event, @MetaDataValue(AxonInfrastructure.REQUEST_ID) String requestId) {
        selections++;
        dispatcher.dispatch(postId, requestId);
        endWhenDone();
    }

    @DeadlineHandler(deadlineName = PROGRESS)
    void progress() {
        try {
            ledger.requeueStale(postId, STALE);
        } catch (DataAccessException e) {
            log.warn("post {}: stale deliveries not looked at this time: {}", postId, e.getMessage());
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
        if (selections >= publications && nothingOpen()) {
            deadlines.cancelAllWithinScope(PROGRESS);
            SagaLifecycle.end();
        } else {
            checkAgainLater();
        }
    }

    /** Whether every delivery of the post is finished; false when the ledger cannot tell this time. */
    private boolean nothingOpen() {
        try {
            return ledger.open(postId) == 0;
        } catch (DataAccessException e) {
            log.warn("post {}: progress not known this time: {}", postId, e.getMessage());
            return false;
        }
    }

    private void checkAgainLater() {
        deadlines.cancelAllWithinScope(PROGRESS);
        deadlines.schedule(properties.progressInterval(), PROGRESS);
    }

    /** For tests and logs. */
    @Override
    public String toString() {
        return "NewPostNotificationSaga[post=" + postId + ", publications=" + publications + ", selections="
                + selections + "]";
    }
}
