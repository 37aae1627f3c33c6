package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.store.StoredMessage;
import dev.platform.app.Api.TestUser;
import dev.platform.app.TwoNodesEndToEndTest.Node;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * {@code platform.notifications.rate-per-second} is the rate of the whole platform: two nodes (child JVMs on one
 * database and one set of RabbitMQ names) with a rate of 100 send one publication's e-mails together, and the SMTP
 * server receives at most 110 in any one second (100 + 2 chunks of 5, see {@code PlatformRate}). With a rate per
 * process, as before, the two would send about 200 a second.
 */
class PlatformRateEndToEndTest {

    private static final int SUBSCRIBERS = 400;
    private static final int RATE = 100;

    @Test
    void twoNodesTogetherSendAtMostTheRatePlusTenPercentInAnySecond() throws Exception {
        String database = TestDatabase.create("rate");
        String prefix = StandaloneApplication.rabbitPrefix("rate");
        List<String> arguments = StandaloneApplication.argumentsWithPrefix(
                database,
                prefix,
                "--platform.notifications.rate-per-second=" + RATE,
                "--platform.notifications.consumers=8",
                "--platform.notifications.prefetch=10",
                "--spring.datasource.hikari.maximum-pool-size=15");
        List<Node> nodes = new ArrayList<>();
        try {
            // One after the other: the first one migrates the fresh database.
            Node a = Node.launch("rate-a", arguments, nodes);
            Node b = Node.launch("rate-b", arguments, nodes);
            TestUser creator = a.api().newUser("creator");
            String postId = a.api()
                    .post("/api/v1/posts", Map.of("title", "Paced", "content", "By the platform."), creator.token())
                    .text("id");
            List<String> subscribers = TwoNodesEndToEndTest.seedSubscribers(database, creator.id(), SUBSCRIBERS);
            // Both nodes consume the work queue before anything is published to it.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> consumers(prefix + ".notifications.email") >= 16);

            assertThat(a.api()
                            .post("/api/v1/posts/" + postId + "/publish", null, creator.token())
                            .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        JsonNode stats = a.api()
                                .get("/api/v1/posts/" + postId + "/notifications", creator.token())
                                .body();
                        return stats.path("recipients").asLong() == SUBSCRIBERS
                                && stats.path("sent").asLong() == SUBSCRIBERS;
                    });

            List<Long> arrivals = arrivalsAbout(postId);
            assertThat(arrivals).hasSize(subscribers.size());
            long sentByA = a.sentHere();
            long sentByB = b.sentHere();
            int busiest = busiestSecond(arrivals);
            double seconds = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1000.0;
            System.out.printf(
                    "platform rate: %d e-mails (node a %d, node b %d) in %.1f s at rate %d, busiest second %d%n",
                    arrivals.size(), sentByA, sentByB, seconds, RATE, busiest);
            // Both nodes sent: one node alone would stay within the rate without any sharing.
            assertThat(sentByA).isPositive();
            assertThat(sentByB).isPositive();
            assertThat(busiest).isLessThanOrEqualTo(RATE + RATE / 10);
            // ... and together they did use the rate (what they took from the bucket was not lost).
            assertThat(busiest).isGreaterThanOrEqualTo(RATE * 8 / 10);
        } finally {
            for (Node node : nodes) {
                node.process().destroy();
                node.process().waitFor();
            }
            TestRabbit.deleteAll(prefix);
        }
    }

    private static int consumers(String queue) {
        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            var info = new RabbitAdmin(factory).getQueueInfo(queue);
            return info == null ? 0 : info.getConsumerCount();
        } finally {
            factory.destroy();
        }
    }

    /** When the SMTP server stored each e-mail about the post (milliseconds), in order. */
    private static List<Long> arrivalsAbout(String postId) throws MessagingException {
        List<Long> arrivals = new ArrayList<>();
        for (StoredMessage message :
                TestMail.GREEN_MAIL.getManagers().getImapHostManager().getAllMessages()) {
            String id = message.getMimeMessage().getMessageID();
            if (id != null && id.contains(postId)) {
                arrivals.add(message.getReceivedDate().getTime());
            }
        }
        arrivals.sort(null);
        return arrivals;
    }

    /** The most arrivals within any one second (sorted milliseconds). */
    private static int busiestSecond(List<Long> sorted) {
        int most = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (sorted.get(to) - sorted.get(from) >= 1000) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }
}
