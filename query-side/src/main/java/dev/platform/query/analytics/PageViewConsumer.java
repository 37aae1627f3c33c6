package dev.platform.query.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records each page view (a {@code post_view} event on the wire) once: the raw event goes into
 * {@code analytics_post_view}, keyed by its event id ({@code ON CONFLICT DO NOTHING}), and only when that insert
 * happened does the post's {@code view_count} grow by one ({@link PageViewTally}), in the same transaction. A redelivered message therefore
 * counts once. A message that is not a post view is rejected without requeueing (logged); a database failure
 * requeues it.
 */
class PageViewConsumer implements MessageListener {

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

    private record View(UUID eventId, UUID userId, UUID postId, Instant timestamp) {}

    @Override
    public void onMessage(Message message) {
        View view = parse(message);
        transaction.executeWithoutResult(status -> record(view));
    }

    private void record(View view) {
        if (pageViews.record(view.eventId(), view.postId(), view.userId(), view.timestamp())) {
            tally.add(view.postId());
        }
    }

    private View parse(Message message) {
        try {
            JsonNode body = json.readTree(message.getBody());
            if (!"post_view".equals(body.path("event_type").asText())) {
                throw new IllegalArgumentException("not a post_view event");
            }
            return new View(
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
