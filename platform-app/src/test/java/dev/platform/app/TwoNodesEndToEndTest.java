package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the all-in-one application, each its own JVM on its own port, against one database and one set
 * of RabbitMQ names: a write through either is read through the other, every multi-segment event processor has
 * segments on both nodes ({@code token_entry.owner}), both send the e-mails of one publication, and when one is
 * killed with SIGKILL in the middle of sending, the other takes over its segments and its unacknowledged messages:
 * every subscriber gets the e-mail, and the only duplicates are those the application reports as possible.
 */
class TwoNodesEndToEndTest {

    private static final int SEEDED_SUBSCRIBERS = 300;
    private static final int WORKERS = 4;

    @Test
    void twoNodesShareWritesReadsSegmentsAndMailAndTheSurvivorFinishesWhenOneIsKilled() throws Exception {
        String database = TestDatabase.create("nodes");
        String prefix = StandaloneApplication.rabbitPrefix("nodes");
        List<String> arguments = StandaloneApplication.argumentsWithPrefix(
                database,
                prefix,
                // Slow enough that the kill comes in the middle: 30 e-mails/s over both nodes.
                "--platform.notifications.rate-per-second=30",
                "--platform.notifications.consumers=" + WORKERS,
                "--platform.notifications.prefetch=5",
                "--spring.datasource.hikari.maximum-pool-size=15");
        List<Node> nodes = new ArrayList<>();
        try {
            // One after the other: the first one migrates the fresh database.
            Node a = Node.launch("node-a", arguments, nodes);
            Node b = Node.launch("node-b", arguments, nodes);
            long started = System.nanoTime();

            // Writes through either node, reads through the other.
            TestUser creator = a.api.newUser("creator");
            Response onB = awaitRead(b, "/api/v1/users/" + creator.id(), creator.token(), r -> r.status() == 200);
            assertThat(onB.text("username")).isEqualTo(creator.username());
            String postId = b.api.post(
                            "/api/v1/posts", Map.of("title", "Two nodes", "content", "Either one."), creator.token())
                    .text("id");
            assertThat(awaitRead(a, "/api/v1/posts/" + postId, creator.token(), r -> r.status() == 200)
                            .text("title"))
                    .isEqualTo("Two nodes");
            // A post edited through one node is read at once through the other, although A read it just before:
            // while two processes write post_view, neither answers post reads from its cache (PostViewWriters).
            assertThat(b.api.editPost(postId, Map.of("title", "Edited on B"), creator)
                            .status())
                    .isEqualTo(200);
            assertThat(a.api.readPost(postId, creator).text("title")).isEqualTo("Edited on B");
            assertThat(a.api.put("/api/v1/users/" + creator.id(), Map.of("bio", "written on A"), creator.token())
                            .status())
                    .isEqualTo(200);
            awaitRead(b, "/api/v1/users/" + creator.id(), creator.token(), r -> "written on A".equals(r.text("bio")));
            TestUser reader = b.api.newUser("reader");
            assertThat(a.api.post("/api/v1/creators/" + creator.id() + "/subscribe", null, reader.token())
                            .status())
                    .isEqualTo(201);
            awaitRead(
                    b,
                    "/api/v1/users/" + reader.id() + "/subscriptions",
                    reader.token(),
                    r -> r.body().size() == 1);

            // Every processor with more than one segment has segments on both nodes.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> splitProcessors(database, a, b).equals(multiSegmentProcessors(database)));
            // The notification audience has one segment (it applies the stream in order): one node holds it.
            assertThat(multiSegmentProcessors(database))
                    .contains("users", "subscriptions", "posts", "comments")
                    .doesNotContain("notification-audience");
            double splitSeconds = (System.nanoTime() - started) / 1e9;
            System.out.println("two nodes: segments split, token_entry:");
            Sql.rows(database, "SELECT processor_name, segment, owner FROM token_entry ORDER BY 1, 2")
                    .forEach(row -> System.out.println("  " + row));

            // A few hundred subscribers (events appended as the aggregates would: no password hashes), then a
            // publication through A; B is killed once it has sent some of the e-mails and before they are all out.
            List<String> subscribers = new ArrayList<>(seedSubscribers(database, creator.id(), SEEDED_SUBSCRIBERS));
            subscribers.add(reader.email());
            assertThat(a.api.post("/api/v1/posts/" + postId + "/publish", null, creator.token())
                            .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> b.sentHere() >= 10 && TestMail.about(postId).size() >= subscribers.size() / 5);
            b.process.destroyForcibly().waitFor();
            long killedAt = System.nanoTime();
            int sentAtKill = TestMail.about(postId).size();
            assertThat(sentAtKill).isLessThan(subscribers.size());

            // The survivor takes every segment once B's heartbeat and claims have expired.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> Sql.number(
                                    database,
                                    "SELECT count(*) FROM token_entry WHERE owner IS NULL OR owner NOT LIKE ?",
                                    a.owner + "%")
                            == 0);
            double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;

            // ... and finishes the publication.
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        JsonNode stats = stats(a, creator, postId);
                        return stats.path("pending").asLong() == 0
                                && stats.path("recipients").asLong() == subscribers.size();
                    });
            JsonNode stats = stats(a, creator, postId);
            Map<String, Integer> received = new HashMap<>();
            for (MimeMessage message : TestMail.about(postId)) {
                received.merge(message.getAllRecipients()[0].toString().toLowerCase(), 1, Integer::sum);
            }
            long duplicates = received.values().stream().filter(n -> n > 1).count();
            long reported = stats.path("possible_duplicates").asLong();
            assertThat(stats.path("sent").asLong())
                    .isEqualTo(stats.path("recipients").asLong());
            assertThat(stats.path("failed").asLong()).isZero();
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(subscribers);
            assertThat(received.values()).allSatisfy(n -> assertThat(n).isBetween(1, 2));
            assertThat(duplicates).isLessThanOrEqualTo(reported);

            // Writes through the survivor still answer with their read, now that it runs every segment.
            TestUser late = a.api.newUser("reader");
            assertThat(a.api.get("/api/v1/users/" + late.id(), late.token()).status())
                    .isEqualTo(200);
            System.out.printf(
                    "two nodes: split %.1f s after both were up; %d of %d e-mails out at the kill; survivor held every"
                            + " segment %.1f s after it; %d duplicates, %d reported as possible%n",
                    splitSeconds, sentAtKill, subscribers.size(), takeoverSeconds, duplicates, reported);
        } finally {
            for (Node node : nodes) {
                node.process.destroy();
                node.process.waitFor();
            }
            TestRabbit.deleteAll(prefix);
        }
    }

    /** Reads through {@code node} until the answer satisfies {@code done} (a write on another node may lag). */
    private static Response awaitRead(Node node, String path, String token, Predicate<Response> done) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> node.api.get(path, token), done);
    }

    private static JsonNode stats(Node node, TestUser creator, String postId) {
        return node.api
                .get("/api/v1/posts/" + postId + "/notifications", creator.token())
                .body();
    }

    private static Set<String> multiSegmentProcessors(String database) {
        return new HashSet<>(Sql.rows(
                database, "SELECT processor_name FROM token_entry GROUP BY processor_name HAVING count(*) > 1"));
    }

    /** Processors of which both nodes hold at least one segment. */
    private static Set<String> splitProcessors(String database, Node a, Node b) {
        return new HashSet<>(Sql.rows(
                database,
                "SELECT processor_name FROM token_entry GROUP BY processor_name"
                        + " HAVING bool_or(owner LIKE ?) AND bool_or(owner LIKE ?)",
                a.owner + "%",
                b.owner + "%"));
    }

    /**
     * Appends {@code UserRegistered} and {@code SubscriptionStarted} events of {@code count} new readers subscribed
     * to the creator, as their aggregates would (the nodes project them like any other events), and answers their
     * addresses.
     */
    static List<String> seedSubscribers(String database, String creatorId, int count) {
        String batch = UUID.randomUUID().toString().substring(0, 8);
        String now = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
        Sql.update(
                database,
                "CREATE TABLE seeded_" + batch + " AS SELECT gen_random_uuid() AS id,"
                        + " gen_random_uuid() AS subscription, i FROM generate_series(1, " + count
                        + ") AS i");
        Sql.update(
                database,
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload, meta_data)"
                        + " SELECT gen_random_uuid()::text, id::text, 0, 'User', " + now + ","
                        + " 'dev.platform.api.user.UserRegistered', convert_to(json_build_object('userId', id,"
                        + " 'email', 'node-" + batch + "-' || i || '@example.com', 'username', 'n" + batch
                        + "_' || i, 'role', 'reader', 'registeredAt', " + now + ")::text, 'UTF8'),"
                        + " convert_to('{\"requestId\":\"seed\"}', 'UTF8') FROM seeded_" + batch);
        Sql.update(
                database,
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload, meta_data)"
                        + " SELECT gen_random_uuid()::text, subscription::text, 0, 'Subscription', " + now + ","
                        + " 'dev.platform.api.subscription.SubscriptionStarted',"
                        + " convert_to(json_build_object('subscriptionId', subscription, 'subscriberId', id,"
                        + " 'creatorId', ?::uuid, 'startedAt', " + now + ")::text, 'UTF8'),"
                        + " convert_to('{\"requestId\":\"seed\"}', 'UTF8') FROM seeded_" + batch,
                creatorId);
        Sql.update(database, "DROP TABLE seeded_" + batch);
        List<String> emails = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            emails.add("node-" + batch + "-" + i + "@example.com");
        }
        return emails;
    }

    /** One application instance as a child JVM; {@code owner} is how its claims start in {@code token_entry}. */
    record Node(String name, Process process, Api api, String owner) {

        /** Starts a node, adds it to {@code started} (to be stopped in the end) and waits until it is up. */
        static Node launch(String name, List<String> arguments, List<Node> started) throws IOException {
            int port = StandaloneApplication.freePort();
            Process process = StandaloneApplication.launch(name, port, arguments);
            Node node = new Node(name, process, new Api(port), process.pid() + "@");
            started.add(node);
            StandaloneApplication.awaitUp(node.api);
            return node;
        }

        /** E-mails this node has sent (its own metric). */
        long sentHere() {
            String metrics = api.get("/actuator/prometheus", null).raw().body();
            return metrics.lines()
                    .filter(line -> line.startsWith("platform_notifications_emails_total{")
                            && line.contains("outcome=\"sent\""))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        }
    }
}
