package dev.platform.query.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.infra.web.RequestIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.batch.SimpleBatchingStrategy;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The page-view sender against the real RabbitMQ (a queue of its own per test): views that wait together leave in
 * one message of Spring AMQP's batch format, each view's {@code post_view} JSON intact inside it, and a lone view as
 * a plain message with its request id.
 */
class PageViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix = "test-views-" + UUID.randomUUID().toString().substring(0, 8);
    private CachingConnectionFactory connections;
    private RabbitTemplate rabbit;
    private RabbitAdmin admin;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void ownQueue() {
        connections = new CachingConnectionFactory("127.0.0.1", 5672);
        rabbit = new RabbitTemplate(connections);
        rabbit.setReceiveTimeout(0);
        admin = new RabbitAdmin(connections);
        meters = new SimpleMeterRegistry();
        admin.declareQueue(new Queue(properties(100, Duration.ofSeconds(5)).queue(), false, false, false));
    }

    @AfterEach
    void dropQueue() {
        admin.deleteQueue(properties(100, Duration.ZERO).queue());
        connections.destroy();
    }

    private AnalyticsProperties properties(int viewsPerMessage, Duration linger) {
        return new AnalyticsProperties(prefix, 10_000, 1, 250, Duration.ofMillis(50), viewsPerMessage, linger);
    }

    /** Every message now in the queue. */
    private List<Message> drainQueue(String queue) {
        List<Message> messages = new ArrayList<>();
        for (Message m = rabbit.receive(queue); m != null; m = rabbit.receive(queue)) {
            messages.add(m);
        }
        return messages;
    }

    private static List<JsonNode> views(List<Message> messages) {
        SimpleBatchingStrategy batching = new SimpleBatchingStrategy(0, 0, 0);
        List<JsonNode> views = new ArrayList<>();
        for (Message message : messages) {
            List<Message> parts = new ArrayList<>();
            if (batching.canDebatch(message.getMessageProperties())) {
                batching.deBatch(message, parts::add);
            } else {
                parts.add(message);
            }
            for (Message part : parts) {
                try {
                    views.add(JSON.readTree(part.getBody()));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return views;
    }

    @Test
    void viewsThatWaitTogetherLeaveInOneMessageEachViewIntact() {
        AnalyticsProperties properties = properties(100, Duration.ofSeconds(5));
        PageViews sender = new PageViews(rabbit, properties, meters);
        UUID post = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-06T10:00:00.123Z");
        List<UUID> readers = new ArrayList<>();
        sender.start();
        for (int i = 0; i < 30; i++) {
            UUID reader = UUID.randomUUID();
            readers.add(reader);
            sender.viewed(post, reader, at);
        }
        sender.stop(); // sends what is gathered, without waiting for the linger

        List<Message> messages = drainQueue(properties.queue());
        List<JsonNode> views = views(messages);
        assertThat(messages).hasSize(1);
        assertThat(views).hasSize(30);
        Set<String> eventIds = new HashSet<>();
        for (int i = 0; i < views.size(); i++) {
            JsonNode view = views.get(i);
            assertThat(view.path("event_type").asText()).isEqualTo("post_view");
            assertThat(view.path("user_id").asText()).isEqualTo(readers.get(i).toString());
            assertThat(view.path("post_id").asText()).isEqualTo(post.toString());
            assertThat(view.path("timestamp").asText()).isEqualTo("2026-12-06T10:00:00.123Z");
            eventIds.add(view.path("event_id").asText());
        }
        assertThat(eventIds).hasSize(30);
        assertThat(messages.get(0).getMessageProperties().getHeaders()).doesNotContainKey(RequestIds.MDC_KEY);
        assertThat(messages.get(0).getMessageProperties().getMessageId())
                .as("no one view's id for the batch")
                .isNull();
        assertThat(messages.get(0).getMessageProperties().getReceivedDeliveryMode())
                .isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(meters.get("platform.analytics.post_views.published")
                        .counter()
                        .count())
                .isEqualTo(30.0);
    }

    @Test
    void aMessageCarriesAtMostViewsPerMessage() {
        AnalyticsProperties properties = properties(8, Duration.ofSeconds(5));
        PageViews sender = new PageViews(rabbit, properties, meters);
        UUID post = UUID.randomUUID();
        sender.start();
        for (int i = 0; i < 20; i++) {
            sender.viewed(post, UUID.randomUUID(), Instant.now());
        }
        sender.stop();

        List<Message> messages = drainQueue(properties.queue());
        assertThat(messages.size()).isGreaterThanOrEqualTo(3);
        List<Integer> viewsPerMessage =
                messages.stream().map(m -> views(List.of(m)).size()).toList(); // de-batching consumes the header
        assertThat(viewsPerMessage).allSatisfy(n -> assertThat(n).isBetween(1, 8));
        assertThat(viewsPerMessage.stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
    }

    @Test
    void aLoneViewIsAPlainMessageWithItsRequestId() {
        AnalyticsProperties properties = properties(100, Duration.ZERO);
        PageViews sender = new PageViews(rabbit, properties, meters);
        UUID post = UUID.randomUUID();
        UUID reader = UUID.randomUUID();
        sender.start();
        MDC.put(RequestIds.MDC_KEY, "req-lone-view");
        try {
            sender.viewed(post, reader, Instant.now());
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
        sender.stop();

        List<Message> messages = drainQueue(properties.queue());
        assertThat(messages).hasSize(1);
        Message message = messages.get(0);
        assertThat(new SimpleBatchingStrategy(0, 0, 0).canDebatch(message.getMessageProperties()))
                .isFalse();
        assertThat((Object) message.getMessageProperties().getHeader(RequestIds.MDC_KEY))
                .isEqualTo("req-lone-view");
        JsonNode view = views(messages).get(0);
        assertThat(view.path("user_id").asText()).isEqualTo(reader.toString());
        assertThat(message.getMessageProperties().getMessageId())
                .isEqualTo(view.path("event_id").asText());
    }
}
