package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Leases instead of guesses (issue 13): a node killed ({@code kill -9}) while its workers hold {@code sending}
 * deliveries, and the messages of its deliveries gone from RabbitMQ too (purged here: otherwise RabbitMQ's own
 * redelivery would bring them back first, see {@link CrashEndToEndTest}). Only the ledger's leases can bring them
 * back: the next node's saga takes back every delivery whose lease has expired, the e-mails go out once each, and
 * the {@code sending} ones are counted as possible duplicates (the server might have accepted them).
 */
class DeliveryLeasesEndToEndTest {

    private static final int SUBSCRIBERS = 20;
    private static final int WORKERS = 4;

    @Test
    void deliveriesHeldByAKilledNodeComeBackWhenTheirLeasesExpireAndGoOutOnce() throws Exception {
        String database = TestDatabase.create("leases");
        String prefix = StandaloneApplication.rabbitPrefix("leases");
        int port = StandaloneApplication.freePort();
        Api api = new Api(port);
        List<TestUser> subscribers = new ArrayList<>();
        TestUser creator;
        String postId;
        try {
            // The first node's SMTP reads wait far longer than the test: its workers stay in 'sending'. Its leases
            // (15 s) outlast the time to the kill, so that it takes nothing back itself.
            Process first = launch(
                    database,
                    prefix,
                    port,
                    "--platform.notifications.smtp.read-timeout=600s",
                    "--platform.notifications.sending-lease=15s",
                    "--platform.notifications.queue-lease-margin=15s");
            try {
                StandaloneApplication.awaitUp(api);
                creator = api.newUser("creator");
                for (int i = 0; i < SUBSCRIBERS; i++) {
                    TestUser reader = api.newUser("reader");
                    assertThat(api.post("/api/v1/creators/" + creator.id() + "/subscribe", null, reader.token())
                                    .status())
                            .isEqualTo(201);
                    subscribers.add(reader);
                }
                Response created = api.post(
                        "/api/v1/posts", Map.of("title", "Leases", "content", "Held and lost."), creator.token());
                postId = created.text("id");
                // The accounts' verification e-mails go out first: they must not hold workers or messages below.
                List<TestUser> accounts = new ArrayList<>(subscribers);
                accounts.add(creator);
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> accounts.stream()
                                .allMatch(a -> TestMail.accountMailTo(a.email()).size() == 1));
                TestMail.SMTP.silence(true);
                assertThat(api.post("/api/v1/posts/" + postId + "/publish", null, creator.token())
                                .status())
                        .isEqualTo(200);
                String post = postId;
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> count(database, post, "sending") == WORKERS);
            } finally {
                first.destroyForcibly().waitFor();
            }
            String workQueue = TestRabbit.workQueue(prefix);
            await().atMost(Duration.ofSeconds(30)).until(() -> TestRabbit.depth(workQueue) == SUBSCRIBERS);
            assertThat(TestRabbit.purge(workQueue)).isEqualTo(SUBSCRIBERS);
            assertThat(count(database, postId, "sending")).isEqualTo(WORKERS);
            assertThat(count(database, postId, "queued")).isEqualTo(SUBSCRIBERS - WORKERS);
            TestMail.SMTP.silence(false);

            Process second = launch(database, prefix, port);
            try {
                StandaloneApplication.awaitUp(api);
                String post = postId;
                String token = creator.token();
                JsonNode stats = await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () -> api.get("/api/v1/posts/" + post + "/notifications", token)
                                        .body(),
                                s -> s.path("pending").asLong() == 0
                                        && s.path("recipients").asLong() == SUBSCRIBERS);
                assertThat(stats.path("sent").asLong()).isEqualTo(SUBSCRIBERS);
                assertThat(stats.path("failed").asLong()).isZero();
                // The four held in 'sending' may have reached the server as far as the ledger knows.
                assertThat(stats.path("possible_duplicates").asLong()).isEqualTo(WORKERS);
                for (TestUser subscriber : subscribers) {
                    assertThat(TestMail.to(subscriber.email()))
                            .as(subscriber.email())
                            .hasSize(1);
                }
            } finally {
                second.destroy();
                second.waitFor();
            }
        } finally {
            TestMail.SMTP.silence(false);
            TestRabbit.deleteAll(prefix);
        }
    }

    private static long count(String database, String postId, String status) {
        return Sql.number(
                database,
                "SELECT count(*) FROM notification_delivery WHERE post_id = ?::uuid AND status = ?",
                postId,
                status);
    }

    /** A node with short leases (5 s held while sending, 5 s beyond the estimated queue wait) and few workers. */
    private static Process launch(String database, String prefix, int port, String... extra) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--platform.notifications.consumers=" + WORKERS));
        if (extra.length == 0) {
            arguments.addAll(List.of(
                    "--platform.notifications.sending-lease=5s", "--platform.notifications.queue-lease-margin=5s"));
        }
        arguments.addAll(List.of(extra));
        return StandaloneApplication.launch(
                "leases",
                port,
                StandaloneApplication.argumentsWithPrefix(database, prefix, arguments.toArray(String[]::new)));
    }
}
