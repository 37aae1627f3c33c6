package dev.platform.app;

import java.util.List;
import java.util.UUID;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * RabbitMQ names of this test run: every queue and exchange the application declares starts with a prefix of
 * this run, so runs never share messages; they are deleted when the JVM ends.
 */
final class TestRabbit {

    private static final String PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteAll(PREFIX)));
    }

    private TestRabbit() {}

    static String prefix() {
        return PREFIX;
    }

    static String deadLetterQueue() {
        return PREFIX + ".notifications.email.dead";
    }

    static String postViewQueue() {
        return PREFIX + ".analytics.post-views";
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
}
