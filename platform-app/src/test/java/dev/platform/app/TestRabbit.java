package dev.platform.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * RabbitMQ names of this test run: every queue and exchange the application declares starts with a prefix of
 * this run, so runs never share messages. The names of this run's own application and of every standalone
 * application a test started ({@link #register}) are deleted when the JVM ends, also those of a test that failed
 * before its own cleanup.
 */
final class TestRabbit {

    private static final String PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Set<String> PREFIXES = ConcurrentHashMap.newKeySet();

    static {
        PREFIXES.add(PREFIX);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PREFIXES.forEach(TestRabbit::deleteAll)));
    }

    private TestRabbit() {}

    static String prefix() {
        return PREFIX;
    }

    /** Remembers a prefix of a standalone application so that its names are deleted when the JVM ends. */
    static String register(String prefix) {
        PREFIXES.add(prefix);
        return prefix;
    }

    /** The e-mail work queue of an application with this RabbitMQ prefix. */
    static String workQueue(String prefix) {
        return prefix + ".notifications.email.v2";
    }

    static String workQueue() {
        return workQueue(PREFIX);
    }

    static String deadLetterQueue() {
        return PREFIX + ".notifications.email.dead.v2";
    }

    static String postViewQueue() {
        return PREFIX + ".analytics.post-views.v2";
    }

    static long depth(String queue) {
        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            var info = new RabbitAdmin(factory).getQueueInfo(queue);
            return info == null ? -1 : info.getMessageCount();
        } finally {
            factory.destroy();
        }
    }

    /** Drops every ready message of the queue; answers how many there were. */
    static int purge(String queue) {
        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            return new RabbitAdmin(factory).purgeQueue(queue);
        } finally {
            factory.destroy();
        }
    }

    /** Deletes the queues and exchanges of an application that used this prefix. */
    static void deleteAll(String prefix) {
        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            RabbitAdmin admin = new RabbitAdmin(factory);
            for (String queue : List.of(
                    ".notifications.email.v2",
                    ".notifications.email.dead.v2",
                    ".analytics.post-views.v2",
                    // the classic queues of the earlier layout, left by an upgrade test that failed
                    ".notifications.email",
                    ".notifications.email.retry",
                    ".notifications.email.dead",
                    ".analytics.post-views")) {
                admin.deleteQueue(prefix + queue);
            }
            admin.deleteExchange(prefix + ".notifications");
            admin.deleteExchange(prefix + ".notifications.dlx");
        } catch (RuntimeException ignored) {
            // RabbitMQ is gone already: nothing to clean
        } finally {
            factory.destroy();
        }
    }

    /**
     * The broker's own description of a queue (name, type, arguments), from
     * {@code rabbitmqctl list_queues}: AMQP tells neither a queue's type nor its arguments. (Its message counts
     * lag for quorum queues: {@link #depth} asks the queue itself.) Empty when there is no
     * such queue.
     */
    static Optional<JsonNode> describe(String queue) {
        try {
            Process rabbitmqctl = new ProcessBuilder(
                            "rabbitmqctl", "list_queues", "-q", "--formatter", "json", "name", "type", "arguments")
                    .redirectErrorStream(true)
                    .start();
            byte[] output = rabbitmqctl.getInputStream().readAllBytes();
            if (rabbitmqctl.waitFor() != 0) {
                throw new IllegalStateException("rabbitmqctl failed: " + new String(output));
            }
            for (JsonNode row : Api.JSON.readTree(output)) {
                if (row.path("name").asText().equals(queue)) {
                    return Optional.of(row);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One argument of a queue described by {@link #describe}: rabbitmqctl lists them as [name, type, value]. */
    static Optional<JsonNode> argument(JsonNode queue, String name) {
        for (JsonNode argument : queue.path("arguments")) {
            if (argument.path(0).asText().equals(name)) {
                return Optional.of(argument.path(2));
            }
        }
        return Optional.empty();
    }
}
