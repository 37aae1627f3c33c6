package dev.platform.query.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.infra.web.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;

/**
 * Emits page views (a reader other than the creator read a post) as {@code post_view} events, the name they keep
 * on the wire, fire-and-forget: {@link #viewed} only offers the event to a bounded in-memory
 * buffer and returns at once; one background thread sends the buffer to RabbitMQ. A full buffer, or RabbitMQ
 * being unreachable, drops the view and counts it in {@code platform_analytics_post_views_dropped_total} (tag
 * {@code reason}); a reader never waits for RabbitMQ and never sees its failure.
 */
public class PageViews implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PageViews.class);

    private record View(UUID eventId, UUID userId, UUID postId, Instant timestamp, String requestId) {}

    private final RabbitTemplate rabbit;
    private final AnalyticsProperties properties;
    private final BlockingQueue<View> buffer;
    private final ObjectMapper json = new ObjectMapper();
    private final Counter published;
    private final Counter droppedFull;
    private final Counter droppedUnavailable;
    private volatile Thread sender;
    private volatile boolean running;

    PageViews(RabbitTemplate rabbit, AnalyticsProperties properties, MeterRegistry meters) {
        this.rabbit = rabbit;
        this.properties = properties;
        this.buffer = new ArrayBlockingQueue<>(properties.bufferSize());
        this.published = Counter.builder("platform.analytics.post_views.published")
                .description("post_view events handed to RabbitMQ")
                .register(meters);
        this.droppedFull = dropped(meters, "buffer_full");
        this.droppedUnavailable = dropped(meters, "rabbitmq_unavailable");
    }

    private static Counter dropped(MeterRegistry meters, String reason) {
        return Counter.builder("platform.analytics.post_views.dropped")
                .description("post_view events dropped instead of holding up a reader")
                .tag("reason", reason)
                .register(meters);
    }

    /** A user other than the creator read a post (200): queued for RabbitMQ, or dropped and counted; never blocks. */
    public void viewed(UUID postId, UUID userId, Instant timestamp) {
        if (!buffer.offer(new View(UUID.randomUUID(), userId, postId, timestamp, RequestIds.current()))) {
            droppedFull.increment();
        }
    }

    private void drain() {
        while (running || !buffer.isEmpty()) {
            View view;
            try {
                view = buffer.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (view != null) {
                send(view);
            }
        }
    }

    private void send(View view) {
        try {
            rabbit.send("", properties.queue(), message(view));
            published.increment();
        } catch (AmqpException e) {
            droppedUnavailable.increment();
            log.debug("post_view dropped, RabbitMQ unavailable: {}", e.getMessage());
        } catch (RuntimeException e) {
            droppedUnavailable.increment();
            log.warn("post_view dropped", e);
        }
    }

    private Message message(View view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_id", view.eventId().toString());
        body.put("event_type", "post_view");
        body.put("user_id", view.userId().toString());
        body.put("post_id", view.postId().toString());
        body.put("timestamp", view.timestamp().toString());
        try {
            var builder = MessageBuilder.withBody(json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8))
                    .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                    .setContentEncoding(StandardCharsets.UTF_8.name())
                    .setMessageId(view.eventId().toString())
                    .setDeliveryMode(MessageDeliveryMode.PERSISTENT);
            if (view.requestId() != null) {
                builder.setHeader(RequestIds.MDC_KEY, view.requestId());
            }
            return builder.build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        Thread thread = new Thread(this::drain, "page-views-sender");
        thread.setDaemon(true);
        thread.start();
        sender = thread;
    }

    /** Sends what is buffered (as long as RabbitMQ answers) before the process ends. */
    @Override
    public synchronized void stop() {
        running = false;
        Thread thread = sender;
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread.interrupt();
        }
        sender = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server has finished its in-flight requests (graceful shutdown), so their views go out. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
