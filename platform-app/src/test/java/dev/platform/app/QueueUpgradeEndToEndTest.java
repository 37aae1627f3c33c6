package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An installation of the earlier layout (classic queues under the plain names) stopped with messages in its
 * queues: e-mails still to send (one of them twice, as a dispatcher that crashed between the broker's confirm and
 * its ledger update leaves it), parked e-mails and post views. This version starts on it: every e-mail goes out
 * exactly once, the parked ones stay parked (in the quorum dead-letter queue) and unsent, every view is counted,
 * and the classic queues are gone.
 */
class QueueUpgradeEndToEndTest {

    private static final int DELIVERIES = 40;
    private static final int PARKED = 2;
    private static final int VIEWS = 5;

    @Test
    void classicQueuesHoldingMessagesAreMovedIntoQuorumQueuesAndEveryEmailGoesOutOnce() throws Exception {
        String database = TestDatabase.create("upgrade");
        String prefix = StandaloneApplication.rabbitPrefix("upgrade");
        String schemaPrefix = StandaloneApplication.rabbitPrefix("upgrade-schema");
        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5672);
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        try {
            // This version's schema, from a first start under other RabbitMQ names (nothing is sent).
            StandaloneApplication.start(StandaloneApplication.argumentsWithPrefix(database, schemaPrefix))
                    .close();
            TestRabbit.deleteAll(schemaPrefix);

            // The ledger as the earlier version's dispatcher leaves it: deliveries queued, two failed for good.
            UUID creator = UUID.randomUUID();
            UUID post = UUID.randomUUID();
            Timestamp now = Timestamp.from(Instant.now());
            Sql.update(
                    database,
                    "INSERT INTO notification_post (post_id, creator_id, published, title, excerpt, published_at)"
                            + " VALUES (?, ?, TRUE, 'Upgrade', 'Moved, not lost.', ?)",
                    post,
                    creator,
                    now);
            Map<UUID, String> queued = subscribers(database, creator, post, DELIVERIES, "queued", now);
            Map<UUID, String> parked = subscribers(database, creator, post, PARKED, "failed", now);
            List<String> views = new ArrayList<>();
            for (int i = 0; i < VIEWS; i++) {
                views.add(UUID.randomUUID().toString());
            }

            // The earlier layout's RabbitMQ names, holding the messages it would hold.
            String exchange = prefix + ".notifications";
            String deadExchange = prefix + ".notifications.dlx";
            String workQueue = prefix + ".notifications.email";
            String deadQueue = prefix + ".notifications.email.dead";
            String viewQueue = prefix + ".analytics.post-views";
            RabbitAdmin admin = new RabbitAdmin(factory);
            DirectExchange work = new DirectExchange(exchange, true, false);
            DirectExchange dead = new DirectExchange(deadExchange, true, false);
            Queue classicWork = QueueBuilder.durable(workQueue)
                    .deadLetterExchange(deadExchange)
                    .deadLetterRoutingKey("dead")
                    .build();
            Queue classicDead = QueueBuilder.durable(deadQueue).build();
            Queue classicViews = QueueBuilder.durable(viewQueue).build();
            admin.declareExchange(work);
            admin.declareExchange(dead);
            for (Queue queue : List.of(classicWork, classicDead, classicViews)) {
                admin.declareQueue(queue);
            }
            Binding workBinding = BindingBuilder.bind(classicWork).to(work).with("email");
            admin.declareBinding(workBinding);
            admin.declareBinding(BindingBuilder.bind(classicDead).to(dead).with("dead"));
            UUID twice = queued.keySet().iterator().next();
            new RabbitTemplate(factory).invoke(ops -> {
                for (UUID subscriber : queued.keySet()) {
                    ops.send(exchange, "email", delivery(post, subscriber));
                }
                ops.send(exchange, "email", delivery(post, twice));
                for (UUID subscriber : parked.keySet()) {
                    ops.send(deadExchange, "dead", delivery(post, subscriber));
                }
                for (String view : views) {
                    ops.send("", viewQueue, view(view, post));
                }
                ops.waitForConfirmsOrDie(10_000);
                return null;
            });
            assertThat(TestRabbit.depth(workQueue)).isEqualTo(DELIVERIES + 1);
            assertThat(TestRabbit.depth(deadQueue)).isEqualTo(PARKED);
            assertThat(TestRabbit.depth(viewQueue)).isEqualTo(VIEWS);

            try (ConfigurableApplicationContext app =
                    StandaloneApplication.start(StandaloneApplication.argumentsWithPrefix(database, prefix))) {
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> Sql.number(
                                        database,
                                        "SELECT count(*) FROM notification_delivery WHERE post_id = ? AND status = 'sent'",
                                        post)
                                == DELIVERIES);
                await().atMost(Duration.ofSeconds(30))
                        .until(() ->
                                Sql.number(database, "SELECT count(*) FROM analytics_post_view WHERE post_id = ?", post)
                                        == VIEWS);
            }
            // Stopped: a message it had not acknowledged is back in its queue. None is: every one was handled, the
            // copy included, before the e-mails are counted.
            assertThat(TestRabbit.depth(prefix + ".notifications.email.v2")).isZero();
            assertThat(TestRabbit.depth(prefix + ".analytics.post-views.v2")).isZero();
            assertThat(TestRabbit.depth(prefix + ".notifications.email.dead.v2"))
                    .isEqualTo(PARKED);
            Map<String, Integer> received = new HashMap<>();
            for (MimeMessage mail : TestMail.about(post.toString())) {
                received.merge(mail.getAllRecipients()[0].toString(), 1, Integer::sum);
            }
            assertThat(received).hasSize(DELIVERIES);
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(queued.values());
            assertThat(received.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
            for (String address : parked.values()) {
                assertThat(TestMail.to(address)).as(address).isEmpty();
            }
            assertThat(Sql.number(
                            database,
                            "SELECT count(*) FROM notification_delivery WHERE post_id = ? AND status = 'failed'",
                            post))
                    .isEqualTo(PARKED);
            for (String old : List.of(workQueue, deadQueue, viewQueue)) {
                assertThat(TestRabbit.describe(old)).as(old).isEmpty();
            }
        } finally {
            factory.destroy();
            TestRabbit.deleteAll(prefix);
        }
    }

    /** Subscribers of the creator with a delivery of the post in {@code status}: their ids and addresses. */
    private static Map<UUID, String> subscribers(
            String database, UUID creator, UUID post, int count, String status, Timestamp now) {
        Map<UUID, String> subscribers = new HashMap<>();
        for (int i = 0; i < count; i++) {
            UUID subscriber = UUID.randomUUID();
            String email = "upgrade-" + status + "-" + subscriber.toString().substring(0, 8) + "@example.com";
            Sql.update(database, "INSERT INTO notification_user (user_id, email) VALUES (?, ?)", subscriber, email);
            Sql.update(
                    database,
                    "INSERT INTO notification_subscriber (creator_id, subscriber_id, active, changed_at)"
                            + " VALUES (?, ?, TRUE, ?)",
                    creator,
                    subscriber,
                    now);
            Sql.update(
                    database,
                    "INSERT INTO notification_delivery (post_id, subscriber_id, status, attempts, selected_at,"
                            + " updated_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    post,
                    subscriber,
                    status,
                    status.equals("failed") ? 1 : 0,
                    now,
                    now,
                    status.equals("failed") ? "SMTP 550: no such user" : null);
            subscribers.put(subscriber, email);
        }
        return subscribers;
    }

    /** A delivery message as the earlier dispatcher published it (the format is unchanged). */
    private static Message delivery(UUID post, UUID subscriber) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(post + "." + subscriber);
        String body = "{\"post_id\":\"" + post + "\",\"subscriber_id\":\"" + subscriber + "\"}";
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }

    private static Message view(String eventId, UUID post) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        String body = "{\"event_id\":\"" + eventId + "\",\"event_type\":\"post_view\",\"user_id\":\""
                + UUID.randomUUID() + "\",\"post_id\":\"" + post + "\",\"timestamp\":\"" + Instant.now() + "\"}";
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }
}
