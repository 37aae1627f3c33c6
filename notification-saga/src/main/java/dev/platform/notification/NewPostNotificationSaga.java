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
import org.springframework.beans.factory.annotation.Autowired;

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
        ledger.requeueStale(postId, STALE);
        dispatcher.dispatch(postId, null);
        endWhenDone();
    }

    private void endWhenDone() {
        if (selections >= publications && ledger.open(postId) == 0) {
            deadlines.cancelAllWithinScope(PROGRESS);
            SagaLifecycle.end();
        } else {
            checkAgainLater();
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
