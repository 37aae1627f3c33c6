package dev.platform.query.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.platform.infra.web.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.batch.MessageBatch;
import org.springframework.amqp.rabbit.batch.SimpleBatchingStrategy;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;

/**
 * Emits page views (a reader other than the creator read a post) as {@code post_view} events, the name they keep
 * on the wire, fire-and-forget: {@link #viewed} only offers the event to a bounded in-memory
 * buffer and returns at once; one background thread sends the buffer to RabbitMQ. A full buffer, or RabbitMQ
 * being unreachable, drops the view and counts it in {@code platform_analytics_post_views_dropped_total} (tag
 * {@code reason}); a reader never waits for RabbitMQ and never sees its failure.
 *
 * <p>The sender gathers the views of up to {@code platform.analytics.send-linger} after the first one waiting (at most
 * {@code platform.analytics.views-per-message}) and sends them as one AMQP message in Spring AMQP's batch format
 * ({@link SimpleBatchingStrategy}): each view keeps its own {@code post_view} JSON inside it, and the consumer's
 * container splits the message into one message per view before the listener sees it. A persistent message into a
 * quorum queue cost the broker about as much CPU as the read that caused it (issue 17); under a reader load one
 * message now carries dozens of views. A lone view is sent as a plain message, as before, with its request id.
 */
public class PageViews implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PageViews.class);

    /** How long the sender waits for the next view at a time while it lingers, so that a stop is seen soon. */
    private static final long LINGER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

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
        List<View> views = new ArrayList<>(properties.viewsPerMessage());
        while (running || !buffer.isEmpty()) {
            try {
                gather(views);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                send(views);
                return;
            }
            send(views);
            views.clear();
        }
    }

    /**
     * Waits up to 200 ms for a view, then gathers those that arrive within the linger after it, up to a message's
     * worth. Once the sender is stopping it takes what is buffered without lingering: the flag is read before the
     * buffer is drained, so every view offered before {@link #stop} is in this message or the next.
     */
    private void gather(List<View> views) throws InterruptedException {
        View first = buffer.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        views.add(first);
        int most = properties.viewsPerMessage();
        long deadline = System.nanoTime() + properties.sendLinger().toNanos();
        while (views.size() < most) {
            boolean stopping = !running;
            buffer.drainTo(views, most - views.size());
            long left = deadline - System.nanoTime();
            if (stopping || views.size() >= most || left <= 0) {
                return;
            }
            View next = buffer.poll(Math.min(left, LINGER_SLICE_NANOS), TimeUnit.NANOSECONDS);
            if (next != null) {
                views.add(next);
            }
        }
    }

    private void send(List<View> views) {
        if (views.isEmpty()) {
            return;
        }
        try {
            rabbit.send("", properties.queue(), message(views));
            published.increment(views.size());
        } catch (AmqpException e) {
            droppedUnavailable.increment(views.size());
            log.debug("{} post_view events dropped, RabbitMQ unavailable: {}", views.size(), e.getMessage());
        } catch (RuntimeException e) {
            droppedUnavailable.increment(views.size());
            log.warn("{} post_view events dropped", views.size(), e);
        }
    }

    /**
     * One view as a plain message with its event id as the message id and its request id; several in Spring AMQP's
     * batch format, which the consumer's container splits. A batch takes the properties of its first part: those of
     * a persistent JSON message, without one view's message id or request id, which would be copied to every view; the
     * other parts are bodies only.
     */
    private Message message(List<View> views) {
        if (views.size() == 1) {
            View view = views.get(0);
            MessageBuilderSupport<Message> builder =
                    persistentJson(body(view)).setMessageId(view.eventId().toString());
            if (view.requestId() != null) {
                builder.setHeader(RequestIds.MDC_KEY, view.requestId());
            }
            return builder.build();
        }
        SimpleBatchingStrategy batching = new SimpleBatchingStrategy(views.size(), Integer.MAX_VALUE, 0);
        MessageBatch batch = null;
        for (int i = 0; i < views.size(); i++) {
            byte[] body = body(views.get(i));
            Message part = i == 0 ? persistentJson(body).build() : new Message(body);
            batch = batching.addToBatch("", properties.queue(), part);
        }
        if (batch == null) {
            throw new IllegalStateException("a batch of " + views.size() + " views was not released");
        }
        return batch.getMessage();
    }

    private static MessageBuilderSupport<Message> persistentJson(byte[] body) {
        return MessageBuilder.withBody(body)
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding(StandardCharsets.UTF_8.name())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    }

    /** The view's {@code post_view} event as JSON. */
    private byte[] body(View view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_id", view.eventId().toString());
        body.put("event_type", "post_view");
        body.put("user_id", view.userId().toString());
        body.put("post_id", view.postId().toString());
        body.put("timestamp", view.timestamp().toString());
        try {
            return json.writeValueAsBytes(body);
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
