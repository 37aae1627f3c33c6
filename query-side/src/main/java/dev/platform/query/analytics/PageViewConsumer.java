package dev.platform.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.core.Message;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records each page view (a {@code post_view} event on the wire) once: the raw event goes into
 * {@code analytics_post_view}, keyed by its event id ({@code ON CONFLICT DO NOTHING}), and only the views that
 * insert made new grow their post's count ({@link PageViewTally}, {@code analytics_view_count}), in the same
 * transaction. A
 * redelivered message therefore counts once.
 *
 * <p>The container hands over the views that are waiting as one batch ({@link AnalyticsConfiguration}), recorded in
 * one transaction with one statement per table: a commit per view was most of what a read that counts a view cost
 * the database (issue 17). A database failure fails the batch, and every message of it is redelivered (the event ids
 * keep that from counting twice). A message that is not a post view is logged and left out: it is acknowledged with
 * its batch and never redelivered, as a single such message is rejected without requeueing ({@link #onMessage}).
 */
class PageViewConsumer implements BatchMessageListener {

    private static final Logger log = LoggerFactory.getLogger(PageViewConsumer.class);

    private final PageViewTable pageViews;
    private final PageViewTally tally;
    private final TransactionTemplate transaction;
    private final ObjectMapper json = new ObjectMapper();

    PageViewConsumer(PageViewTable pageViews, PageViewTally tally, TransactionTemplate transaction) {
        this.pageViews = pageViews;
        this.tally = tally;
        this.transaction = transaction;
    }

    @Override
    public void onMessage(Message message) {
        record(List.of(parse(message)));
    }

    @Override
    public void onMessageBatch(List<Message> messages) {
        List<PageViewTable.View> views = new ArrayList<>(messages.size());
        for (Message message : messages) {
            try {
                views.add(parse(message));
            } catch (AmqpRejectAndDontRequeueException e) {
                // parse() logged it; the rest of the batch is recorded.
            }
        }
        if (!views.isEmpty()) {
            record(views);
        }
    }

    private void record(List<PageViewTable.View> views) {
        transaction.executeWithoutResult(status -> tally.add(pageViews.record(views)));
    }

    private PageViewTable.View parse(Message message) {
        try {
            JsonNode body = json.readTree(message.getBody());
            if (!"post_view".equals(body.path("event_type").asText())) {
                throw new IllegalArgumentException("not a post_view event");
            }
            return new PageViewTable.View(
                    UUID.fromString(body.path("event_id").asText()),
                    UUID.fromString(body.path("user_id").asText()),
                    UUID.fromString(body.path("post_id").asText()),
                    Instant.parse(body.path("timestamp").asText()));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            log.warn("Rejected a message on the post-view queue that is no post_view event: {}", e.getMessage());
            throw new AmqpRejectAndDontRequeueException("not a post_view event", e);
        }
    }
}
