package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.api.user.RegisterUser;
import dev.platform.api.user.Role;
import dev.platform.api.user.UserId;
import dev.platform.app.Api.Response;
import dev.platform.infra.security.JwtService;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The crash test of the notification saga: 2,000 subscribers, the application killed with SIGKILL in the
 * middle of sending, then started again. Every subscriber ends with exactly one e-mail, except at most those
 * whose delivery was between the SMTP server's acceptance and the ledger update at the instant of the kill;
 * the application reports that number ({@code possible_duplicates}), and it is a handful at most (one per
 * worker).
 */
class CrashEndToEndTest {

    private static final int SUBSCRIBERS = 2000;
    private static final int WORKERS = 8;

    @Test
    void aKilledApplicationSendsEveryEmailOnceAfterItsRestartSaveTheReportedFew() throws Exception {
        String database = TestDatabase.create("crash");
        String prefix = StandaloneApplication.rabbitPrefix("crash");
        String password = "crash-test-password";
        String creatorEmail = "creator-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        List<String> subscriberEmails = new ArrayList<>();
        String postId;
        try {
            // Seed through the real API and command bus of an in-process instance (no 2,000 password hashes).
            try (ConfigurableApplicationContext seeder =
                    StandaloneApplication.start(StandaloneApplication.argumentsWithPrefix(database, prefix))) {
                Api api = new Api(StandaloneApplication.port(seeder));
                Response creator = api.post(
                        "/api/v1/users/register",
                        Map.of(
                                "email",
                                creatorEmail,
                                "password",
                                password,
                                "username",
                                "crash_creator",
                                "role",
                                "creator"),
                        null);
                String creatorId = creator.text("id");
                String token = api.login(creatorEmail, password);
                postId = api.post("/api/v1/posts", Map.of("title", "Crash", "content", "Survive this."), token)
                        .text("id");
                CommandGateway commands = seeder.getBean(CommandGateway.class);
                JwtService jwt = seeder.getBean(JwtService.class);
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<String>> seeded = new ArrayList<>();
                for (int i = 0; i < SUBSCRIBERS; i++) {
                    int n = i;
                    seeded.add(pool.submit(() -> {
                        UserId id = new UserId(UUID.randomUUID());
                        String email = "crash-" + n + "-" + id.toString().substring(0, 6) + "@example.com";
                        commands.sendAndWait(new RegisterUser(
                                id,
                                email,
                                "crash_" + n,
                                Role.READER,
                                "not-a-login-hash",
                                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
                        Response subscribed = api.post(
                                "/api/v1/creators/" + creatorId + "/subscribe", null, jwt.issue(id, Role.READER));
                        assertThat(subscribed.status()).isEqualTo(201);
                        return email;
                    }));
                }
                for (Future<String> email : seeded) {
                    subscriberEmails.add(email.get());
                }
                pool.shutdown();
            }

            // The application as its own process, killed with SIGKILL while it sends.
            int port = StandaloneApplication.freePort();
            Process first = launch(database, prefix, port);
            Api api = new Api(port);
            try {
                StandaloneApplication.awaitUp(api);
                String token = api.login(creatorEmail, password);
                assertThat(api.post("/api/v1/posts/" + postId + "/publish", null, token)
                                .status())
                        .isEqualTo(200);
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> stats(api, token, postId).path("sent").asLong() >= SUBSCRIBERS / 4);
            } finally {
                first.destroyForcibly().waitFor();
            }
            long sentAtKill = TestMail.about(postId).size();
            assertThat(sentAtKill).isLessThan(SUBSCRIBERS);

            Process second = launch(database, prefix, port);
            try {
                StandaloneApplication.awaitUp(api);
                String token = api.login(creatorEmail, password);
                await().atMost(Duration.ofSeconds(180))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            JsonNode stats = stats(api, token, postId);
                            return stats.path("pending").asLong() == 0
                                    && stats.path("recipients").asLong() == SUBSCRIBERS;
                        });
                JsonNode stats = stats(api, token, postId);
                long reported = stats.path("possible_duplicates").asLong();

                Map<String, Integer> received = new HashMap<>();
                for (MimeMessage message : TestMail.about(postId)) {
                    received.merge(message.getAllRecipients()[0].toString().toLowerCase(), 1, Integer::sum);
                }
                long duplicates =
                        received.values().stream().filter(count -> count > 1).count();
                assertThat(stats.path("sent").asLong()).isEqualTo(SUBSCRIBERS);
                assertThat(subscriberEmails)
                        .allSatisfy(email ->
                                assertThat(received.get(email)).as(email).isNotNull());
                assertThat(received.values())
                        .allSatisfy(count -> assertThat(count).isBetween(1, 2));
                assertThat(duplicates).isLessThanOrEqualTo(reported);
                assertThat(reported).isLessThanOrEqualTo(WORKERS);
                System.out.printf(
                        "crash test: %d e-mails accepted before the kill, %d duplicates, %d reported as possible%n",
                        sentAtKill, duplicates, reported);
            } finally {
                second.destroy();
                second.waitFor();
            }
        } finally {
            TestRabbit.deleteAll(prefix);
        }
    }

    private static JsonNode stats(Api api, String token, String postId) {
        return api.get("/api/v1/posts/" + postId + "/notifications", token).body();
    }

    private static Process launch(String database, String prefix, int port) throws IOException {
        return StandaloneApplication.launch(
                "crash",
                port,
                StandaloneApplication.argumentsWithPrefix(
                        database,
                        prefix,
                        "--platform.notifications.rate-per-second=400",
                        "--platform.notifications.consumers=" + WORKERS));
    }
}
