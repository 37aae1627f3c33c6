package dev.platform.app;

import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * A deleted post's pending e-mails are never sent (issue 16, item 1): e-mails already sent stay sent, every delivery
 * not sent yet is withdrawn and counted, whether it waits for a retry, sits in the work queue, or was held by a
 * worker that died while sending. The mail server and the workers are held back by {@link FaultySmtp} and by
 * stopping the workers, as {@link MailServerFaultsEndToEndTest} does.
 */
class PostDeletionEmailsEndToEndTest extends EndToEndTest {

    @Autowired
    @Qualifier("mailWorkers")
    SimpleMessageListenerContainer mailWorkers;

    @Test
    void aDeletedPostsPendingEmailsAreNeverSent() {
        TestUser creator = api.newUser("creator");
        List<TestUser> subscribers = api.newSubscribers(creator, 6);
        List<TestUser> reached = subscribers.subList(0, 2);
        List<TestUser> held = subscribers.subList(2, 6);
        // The verification e-mails of the new accounts go out first: they must not be counted below.
        for (TestUser subscriber : subscribers) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !TestMail.accountMailTo(subscriber.email()).isEmpty());
        }
        held.forEach(s -> TestMail.SMTP.failAlways(s.email(), 451));
        String postId = api.newPublishedPost(creator, "Soon deleted", "Its e-mails must not go out.");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode stats = api.notificationStats(creator, postId);
                    return stats.path("sent").asLong() == 2
                            && stats.path("retrying").asLong() > 0
                            && held.stream().allMatch(s -> TestMail.SMTP.attempts(s.email()) > 0);
                });

        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        mailWorkers.stop();
        try {
            // A worker that died while sending: its delivery stays 'sending' until its lease runs out (a few seconds
            // after the deletion), then the saga takes it back and a worker claims it again.
            String diedWhileSending = held.get(0).id();
            assertThat(Sql.update(
                            TestDatabase.sharedUrl(),
                            "UPDATE notification_delivery SET status = 'sending', lease_until = now() + interval '5 seconds' "
                                    + "WHERE post_id = ? AND subscriber_id = ? AND status <> 'sent'",
                            UUID.fromString(postId),
                            UUID.fromString(diedWhileSending)))
                    .isEqualTo(1);

            Response deleted = api.request("DELETE", "/api/v1/posts/" + postId)
                    .token(creator.token())
                    .send();
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
            assertThat(deliveries(postId, "sending")).isEqualTo(1);

            // The mail server would now accept every one of them.
            held.forEach(s -> TestMail.SMTP.heal(s.email()));
        } finally {
            mailWorkers.start();
        }

        JsonNode settled = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api.get("/api/v1/posts/" + postId + "/notifications", admin)
                                .body(),
                        stats -> stats.path("pending").asLong() == 0);
        assertThat(settled.path("recipients").asLong()).isEqualTo(6);
        assertThat(settled.path("sent").asLong()).isEqualTo(2);
        assertThat(settled.path("withdrawn").asLong()).isEqualTo(4);
        assertThat(settled.path("failed").asLong()).isZero();
        // The deliveries' messages have all been taken and dropped, the saga has nothing left to publish.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestRabbit.depth(TestRabbit.workQueue()) == 0
                        && Sql.number(
                                        TestDatabase.sharedUrl(),
                                        "SELECT count(*) FROM association_value_entry WHERE association_value = ?",
                                        postId)
                                == 0);
        // Several progress intervals (1 s) and retry periods (200 ms) later, nothing more has gone out.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> TestMail.about(postId).size() == 2);
        for (TestUser subscriber : reached) {
            assertThat(TestMail.to(subscriber.email())).as(subscriber.email()).hasSize(1);
        }
        for (TestUser subscriber : held) {
            assertThat(TestMail.to(subscriber.email())).as(subscriber.email()).isEmpty();
        }
        assertThat(deliveries(postId, "withdrawn")).isEqualTo(4);
        assertRefused(api.get("/api/v1/posts/" + postId + "/notifications", creator.token()), 404, "POST_NOT_FOUND");
        assertRefused(
                api.post("/api/v1/admin/notifications/replay", Map.of("post_id", postId), admin),
                404,
                "POST_NOT_FOUND");
    }

    @Test
    void deliveriesQueuedWhenThePostIsDeletedAreDroppedByTheWorkers() {
        TestUser creator = api.newUser("creator");
        List<TestUser> subscribers = api.newSubscribers(creator, 4);
        for (TestUser subscriber : subscribers) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !TestMail.accountMailTo(subscriber.email()).isEmpty());
        }
        String postId = api.newPost(creator, "Queued", "Never read by a worker before its deletion.");
        String admin = api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        mailWorkers.stop();
        try {
            assertThat(api.publish(postId, creator).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> deliveries(postId, "queued") == 4);

            Response deleted = api.request("DELETE", "/api/v1/posts/" + postId)
                    .token(creator.token())
                    .send();

            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
            assertThat(deliveries(postId, "withdrawn"))
                    .as("withdrawn when the deletion answers")
                    .isEqualTo(4);
        } finally {
            mailWorkers.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestRabbit.depth(TestRabbit.workQueue()) == 0);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> TestMail.about(postId).isEmpty());
        JsonNode stats =
                api.get("/api/v1/posts/" + postId + "/notifications", admin).body();
        assertThat(stats.path("withdrawn").asLong()).isEqualTo(4);
        assertThat(stats.path("sent").asLong()).isZero();
        assertThat(stats.path("pending").asLong()).isZero();
    }

    private static long deliveries(String postId, String status) {
        return Sql.number(
                TestDatabase.sharedUrl(),
                "SELECT count(*) FROM notification_delivery WHERE post_id = ? AND status = ?",
                UUID.fromString(postId),
                status);
    }
}
