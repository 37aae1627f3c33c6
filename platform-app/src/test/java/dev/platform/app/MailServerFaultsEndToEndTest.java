package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * E-mail delivery against mail servers that misbehave (issue 13), behind {@link FaultySmtp}, with time compressed
 * by {@link EndToEndTest}'s settings: retries 200 ms apart for up to 30 s, SMTP waits of at most 2 s.
 */
class MailServerFaultsEndToEndTest extends EndToEndTest {

    private static final Duration SMTP_TIMEOUT = Duration.ofSeconds(2);

    @Autowired
    @Qualifier("mailWorkers")
    SimpleMessageListenerContainer mailWorkers;

    @Test
    void aGreylistingServerGetsEveryEmailExactlyOnceAfterItsFirstPeriodAndNoneIsParked() {
        TestUser creator = api.newUser("creator");
        List<TestUser> subscribers = api.newSubscribers(creator, 5);
        // Longer than the whole retry budget of the previous version (5 attempts within about 3 s here).
        subscribers.forEach(s -> TestMail.SMTP.greylist(s.email(), Duration.ofSeconds(6)));
        long parkedBefore = TestRabbit.depth(TestRabbit.deadLetterQueue());
        String postId = publishedPost(creator, "Greylisted");

        JsonNode waiting = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api.notificationStats(creator, postId),
                        s -> s.path("retrying").asLong() > 0);
        assertThat(waiting.path("next_attempt_at").asText()).isNotEmpty();
        assertThat(Instant.parse(waiting.path("next_attempt_at").asText()))
                .isBefore(Instant.now().plusSeconds(5));
        assertThat(waiting.path("attempts").asLong()).isPositive();

        JsonNode stats = settled(creator, postId, 5);
        assertThat(stats.path("sent").asLong()).isEqualTo(5);
        assertThat(stats.path("failed").asLong()).isZero();
        assertThat(stats.path("retrying").asLong()).isZero();
        assertThat(stats.path("next_attempt_at").isNull()).isTrue();
        for (TestUser subscriber : subscribers) {
            assertThat(TestMail.to(subscriber.email())).as(subscriber.email()).hasSize(1);
            assertThat(TestMail.SMTP.attempts(subscriber.email()))
                    .as(subscriber.email())
                    .isGreaterThan(2);
        }
        assertThat(stats.path("attempts").asLong()).isGreaterThan(10);
        assertThat(TestRabbit.depth(TestRabbit.deadLetterQueue())).isEqualTo(parkedBefore);
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersHoldsNoWorkerPastTheTimeoutAndEveryEmailGoesOutOnceItRecovers() {
        TestUser creator = api.newUser("creator");
        List<TestUser> subscribers = api.newSubscribers(creator, 6);
        String postId = createPost(creator, "Silent server");
        Map<Long, Instant> inSmtpSince = new HashMap<>();
        Duration[] longest = {Duration.ZERO};
        TestMail.SMTP.silence(true);
        try {
            publish(creator, postId);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> !threadsInSmtp().isEmpty());
            // Thread dumps every 50 ms for 8 s: how long has each thread been inside the SMTP client, unbroken?
            await().during(Duration.ofSeconds(8))
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        Instant now = Instant.now();
                        List<Long> inSmtp = threadsInSmtp();
                        inSmtpSince.keySet().retainAll(inSmtp);
                        for (Long thread : inSmtp) {
                            Duration stretch = Duration.between(inSmtpSince.computeIfAbsent(thread, t -> now), now);
                            longest[0] = stretch.compareTo(longest[0]) > 0 ? stretch : longest[0];
                        }
                        return longest[0].compareTo(SMTP_TIMEOUT.plusMillis(1500)) < 0;
                    });
            JsonNode during = api.notificationStats(creator, postId);
            assertThat(during.path("sent").asLong()).isZero();
            assertThat(during.path("attempts").asLong()).isGreaterThan(0);
        } finally {
            TestMail.SMTP.silence(false);
        }
        System.out.printf("silent server: longest unbroken stretch of a thread in SMTP %d ms%n", longest[0].toMillis());

        JsonNode stats = settled(creator, postId, 6);
        assertThat(stats.path("sent").asLong()).isEqualTo(6);
        assertThat(stats.path("failed").asLong()).isZero();
        for (TestUser subscriber : subscribers) {
            assertThat(TestMail.to(subscriber.email())).as(subscriber.email()).hasSize(1);
        }
    }

    @Test
    void aRuntimeExceptionInComposingOneEmailRetriesThatDeliveryAndTheOthersGoOut() throws Exception {
        TestUser brokenCreator = api.newUser("creator");
        TestUser brokenReader = api.newSubscribers(brokenCreator, 1).get(0);
        TestUser creator = api.newUser("creator");
        List<TestUser> readers = api.newSubscribers(creator, 4);
        String broken = createPost(brokenCreator, "To be broken");
        String fine = createPost(creator, "Fine");
        // The workers are held while the post's row loses its title (as during a rebuild of notification-audience),
        // so that the composer meets the NULL; the other post's e-mails are in the same queue.
        mailWorkers.stop();
        try {
            publish(brokenCreator, broken);
            publish(creator, fine);
            // The audience applies a publication after it answered (it writes the row's title then): its stats wait
            // for that, so the title is taken away after it and not put back.
            assertThat(api.notificationStats(brokenCreator, broken)
                            .path("recipients")
                            .asLong())
                    .isEqualTo(1);
            assertThat(Sql.update(
                            TestDatabase.sharedUrl(),
                            "UPDATE notification_post SET title = NULL WHERE post_id = ?",
                            UUID.fromString(broken)))
                    .isEqualTo(1);
        } finally {
            mailWorkers.start();
        }

        JsonNode fineStats = settled(creator, fine, 4);
        assertThat(fineStats.path("sent").asLong()).isEqualTo(4);
        readers.forEach(r -> assertThat(TestMail.to(r.email())).hasSize(1));
        JsonNode retried = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api.notificationStats(brokenCreator, broken),
                        s -> s.path("attempts").asLong() >= 2);
        assertThat(retried.path("sent").asLong()).isZero();
        assertThat(retried.path("failed").asLong()).isZero();
        assertThat(TestMail.to(brokenReader.email())).isEmpty();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> unacknowledged(TestRabbit.workQueue()) == 0);

        Sql.update(
                TestDatabase.sharedUrl(),
                "UPDATE notification_post SET title = 'Fixed' WHERE post_id = ?",
                UUID.fromString(broken));
        JsonNode stats = settled(brokenCreator, broken, 1);
        assertThat(stats.path("sent").asLong()).isEqualTo(1);
        assertThat(TestMail.to(brokenReader.email())).hasSize(1);
    }

    @Test
    void anAdminReplayAfterAPermanentFailureIsFixedEmailsTheParkedRecipientsOnceAndNobodyElse() {
        TestUser creator = api.newUser("creator");
        List<TestUser> subscribers = api.newSubscribers(creator, 3);
        TestUser bouncing = subscribers.get(0);
        TestMail.SMTP.failAlways(bouncing.email(), 550);
        String postId = publishedPost(creator, "Bounced then fixed");
        JsonNode failed = settled(creator, postId, 3);
        assertThat(failed.path("failed").asLong()).isEqualTo(1);
        assertThat(failed.path("sent").asLong()).isEqualTo(2);
        // The saga of the post has ended: the replay has to start another.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Sql.number(
                                TestDatabase.sharedUrl(),
                                "SELECT count(*) FROM association_value_entry WHERE association_value = ?",
                                postId)
                        == 0);
        TestMail.SMTP.heal(bouncing.email());
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        String path = "/api/v1/admin/notifications/replay";

        Api.assertRefused(api.post(path, Map.of("post_id", postId), creator.token()), 403, "FORBIDDEN");
        Response notAnId = api.post(path, Map.of("post_id", "not-an-id"), admin);
        Api.assertRefused(notAnId, 400, "VALIDATION_FAILED");
        assertThat(notAnId.body().path("field_errors").has("post_id")).isTrue();
        Response unknownField = api.post(path, Map.of("post_id", postId, "all", true), admin);
        Api.assertRefused(unknownField, 400, "VALIDATION_FAILED");
        assertThat(unknownField.body().path("field_errors").has("all")).isTrue();
        Api.assertRefused(
                api.post(path, Map.of("post_id", UUID.randomUUID().toString()), admin), 404, "POST_NOT_FOUND");
        assertThat(api.notificationStats(creator, postId).path("failed").asLong())
                .isEqualTo(1);

        Response replayed = api.post(path, Map.of("post_id", postId), admin);
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(202);
        assertThat(replayed.body().path("replayed").asInt()).isEqualTo(1);

        JsonNode stats = settled(creator, postId, 3);
        assertThat(stats.path("sent").asLong()).isEqualTo(3);
        assertThat(stats.path("failed").asLong()).isZero();
        assertThat(TestMail.to(bouncing.email())).hasSize(1);
        assertThat(TestMail.SMTP.attempts(bouncing.email())).isEqualTo(2);
        for (TestUser other : subscribers.subList(1, 3)) {
            assertThat(TestMail.to(other.email())).as(other.email()).hasSize(1);
        }
        Response again = api.post(path, Map.of("post_id", postId), admin);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().path("replayed").asInt()).isZero();
        assertThat(TestMail.about(postId)).hasSize(3);
    }

    /** Threads of this JVM inside Jakarta Mail's SMTP client at this instant (from a thread dump). */
    private static List<Long> threadsInSmtp() {
        List<Long> threads = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().startsWith("org.eclipse.angus.mail.smtp.SMTPTransport")) {
                    threads.add(thread.getId());
                    return;
                }
            }
        });
        return threads;
    }

    /** Unacknowledged messages of a queue, as {@code rabbitmqctl} reports them. */
    private static long unacknowledged(String queue) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("rabbitmqctl", "list_queues", "-q", "name", "messages_unacknowledged")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output.lines()
                .map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length == 2 && columns[0].equals(queue))
                .mapToLong(columns -> Long.parseLong(columns[1]))
                .findFirst()
                .orElseThrow(() -> new AssertionError("queue " + queue + " not listed: " + output));
    }

    private String createPost(TestUser creator, String title) {
        Response created =
                api.post("/api/v1/posts", Map.of("title", title, "content", "Mail server faults."), creator.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private void publish(TestUser creator, String postId) {
        Response published = api.post("/api/v1/posts/" + postId + "/publish", null, creator.token());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
    }

    private String publishedPost(TestUser creator, String title) {
        String postId = createPost(creator, title);
        publish(creator, postId);
        return postId;
    }

    private JsonNode settled(TestUser creator, String postId, long recipients) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.notificationStats(creator, postId),
                        s -> s.path("recipients").asLong() == recipients
                                && s.path("pending").asLong() == 0);
    }
}
