package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract's "New-post notifications", over HTTP, real RabbitMQ and an in-process SMTP server. */
class NotificationsEndToEndTest extends EndToEndTest {

    private String createPost(TestUser creator, String title, String content) {
        Response created = api.post("/api/v1/posts", Map.of("title", title, "content", content), creator.token());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private void publish(TestUser creator, String postId) {
        Response published = api.post("/api/v1/posts/" + postId + "/publish", null, creator.token());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
    }

    /** Waits until the post's deliveries are all decided, then answers the stats. */
    private JsonNode settled(TestUser creator, String postId, long recipients) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode stats = api.notificationStats(creator, postId);
                    return stats.path("recipients").asLong() == recipients
                            && stats.path("pending").asLong() == 0;
                });
        return api.notificationStats(creator, postId);
    }

    @Test
    void everySubscriberActiveAtPublicationGetsExactlyOneEmail() throws Exception {
        TestUser creator = api.newUser("creator");
        List<TestUser> subscribers = api.newSubscribers(creator, 25);
        TestUser quitter = subscribers.get(7);
        assertThat(api.post("/api/v1/creators/" + creator.id() + "/unsubscribe", null, quitter.token())
                        .status())
                .isEqualTo(200);
        String postId = createPost(creator, "Launch day", "We are **live**.");

        publish(creator, postId);

        JsonNode stats = settled(creator, postId, 24);
        assertThat(stats.path("post_id").asText()).isEqualTo(postId);
        assertThat(stats.path("sent").asLong()).isEqualTo(24);
        assertThat(stats.path("failed").asLong()).isZero();
        for (TestUser subscriber : subscribers) {
            assertThat(TestMail.to(subscriber.email())).as(subscriber.email()).hasSize(subscriber == quitter ? 0 : 1);
        }
        assertThat(TestMail.about(postId)).hasSize(24);
        MimeMessage mail = TestMail.to(subscribers.get(0).email()).get(0);
        assertThat(mail.getSubject()).contains("Launch day");
        assertThat(mail.getMessageID())
                .isEqualTo("<post-" + postId + "." + subscribers.get(0).id() + "@localhost>");
        String unsubscribe = mail.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).matches("<http://localhost:8080/api/v1/unsubscribe\\?token=[A-Za-z0-9_-]+>");
        // The text part (multipart/alternative since the HTML e-mail; its HTML part: OneClickUnsubscribeEndToEndTest).
        String body =
                ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent().toString();
        assertThat(body)
                .contains("Launch day")
                .contains("We are live.")
                .contains("http://localhost:8080/api/v1/posts/" + postId)
                .contains(unsubscribe.substring(1, unsubscribe.length() - 1));
    }

    @Test
    void republishingEmailsOnlyThoseNeverEmailedAboutThePost() {
        TestUser creator = api.newUser("creator");
        List<TestUser> early = api.newSubscribers(creator, 3);
        String postId = createPost(creator, "Twice published", "Same post, two publications.");
        publish(creator, postId);
        settled(creator, postId, 3);

        assertThat(api.put("/api/v1/posts/" + postId, Map.of("status", "draft"), creator.token())
                        .status())
                .isEqualTo(200);
        TestUser late = api.newSubscribers(creator, 1).get(0);
        publish(creator, postId);

        JsonNode stats = settled(creator, postId, 4);
        assertThat(stats.path("sent").asLong()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestMail.to(late.email()).size() == 1);
        for (TestUser subscriber : early) {
            assertThat(TestMail.to(subscriber.email())).hasSize(1);
        }
        assertThat(TestMail.about(postId)).hasSize(4);
    }

    @Test
    void aSubscriberWhoJoinsAfterThePublicationGetsNothingForIt() {
        TestUser creator = api.newUser("creator");
        api.newSubscribers(creator, 2);
        String postId = createPost(creator, "Before you came", "Old news.");
        publish(creator, postId);
        TestUser late = api.newSubscribers(creator, 1).get(0);

        settled(creator, postId, 2);

        assertThat(TestMail.to(late.email())).isEmpty();
        assertThat(TestMail.about(postId)).hasSize(2);
    }

    @Test
    void aTransientFailureIsRetriedUntilTheOneEmailGoesOut() {
        TestUser creator = api.newUser("creator");
        TestUser flaky = api.newSubscribers(creator, 1).get(0);
        TestMail.SMTP.failNext(flaky.email(), 451, 451);
        String postId = createPost(creator, "Retry me", "Greylisted first.");

        publish(creator, postId);

        JsonNode stats = settled(creator, postId, 1);
        assertThat(stats.path("sent").asLong()).isEqualTo(1);
        assertThat(stats.path("failed").asLong()).isZero();
        assertThat(TestMail.to(flaky.email())).hasSize(1);
        assertThat(TestMail.SMTP.attempts(flaky.email())).isEqualTo(3);
    }

    @Test
    void aPermanentFailureIsCountedParkedAndNeverRetried() {
        TestUser creator = api.newUser("creator");
        List<TestUser> subscribers = api.newSubscribers(creator, 2);
        TestUser bouncing = subscribers.get(0);
        TestMail.SMTP.failAlways(bouncing.email(), 550);
        long parkedBefore = TestRabbit.depth(TestRabbit.deadLetterQueue());
        String postId = createPost(creator, "Bounce", "Nobody home.");

        publish(creator, postId);

        JsonNode stats = settled(creator, postId, 2);
        assertThat(stats.path("failed").asLong()).isEqualTo(1);
        assertThat(stats.path("sent").asLong()).isEqualTo(1);
        assertThat(TestMail.to(bouncing.email())).isEmpty();
        assertThat(TestMail.to(subscribers.get(1).email())).hasSize(1);
        assertThat(TestMail.SMTP.attempts(bouncing.email())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> TestRabbit.depth(TestRabbit.deadLetterQueue()) == parkedBefore + 1);
    }

    @Test
    void htmlInTheContentArrivesAsPlainTextInTheTextPartAndNeverExecutable() throws Exception {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newSubscribers(creator, 1).get(0);
        String postId = createPost(
                creator,
                "Markup",
                "<script>alert('owned')</script><p>Hello <b>bold</b> <img src=x onerror=alert(1)> world</p>");

        publish(creator, postId);
        settled(creator, postId, 1);

        MimeMessage mail = TestMail.to(reader.email()).get(0);
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(0).getContent().toString())
                .contains("Hello bold world")
                .doesNotContain("<script")
                .doesNotContain("alert(")
                .doesNotContain("<b>")
                .doesNotContain("onerror");
        // The HTML part keeps harmless formatting only.
        assertThat(parts.getBodyPart(1).getContent().toString())
                .contains("Hello <b>bold</b>")
                .doesNotContain("<script")
                .doesNotContain("alert(")
                .doesNotContain("<img")
                .doesNotContain("onerror");
    }

    @Test
    void aTitleWithLineBreaksCannotAddHeaders() throws Exception {
        TestUser creator = api.newUser("creator");
        TestUser reader = api.newSubscribers(creator, 1).get(0);
        String attacker = "attacker-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String title = "Innocent\r\nBcc: " + attacker + "\r\nX-Injected: yes";
        Response refused = api.post("/api/v1/posts", Map.of("title", title, "content", "Body."), creator.token());
        Api.assertRefused(refused, 400, "VALIDATION_FAILED");
        assertThat(refused.body().path("field_errors").has("title")).isTrue();

        // The API refuses line breaks in a title, but an event stored before it did may carry them.
        String postId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String escaped = "Innocent\\r\\nBcc: " + attacker + "\\r\\nX-Injected: yes";
        String url = TestDatabase.sharedUrl();
        for (int sequence = 0; sequence < 2; sequence++) {
            String payload = sequence == 0
                    ? "{\"postId\":\"" + postId + "\",\"creatorId\":\"" + creator.id() + "\",\"title\":\"" + escaped
                            + "\",\"content\":\"Body.\",\"createdAt\":\"" + now + "\"}"
                    : "{\"postId\":\"" + postId + "\",\"creatorId\":\"" + creator.id() + "\",\"title\":\"" + escaped
                            + "\",\"content\":\"Body.\",\"publishedAt\":\"" + now + "\"}";
            Sql.update(
                    url,
                    "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                            + " time_stamp, payload_type, payload, meta_data) VALUES (?, ?, ?, 'Post', ?, ?,"
                            + " convert_to(?, 'UTF8'), convert_to('{}', 'UTF8'))",
                    UUID.randomUUID().toString(),
                    postId,
                    sequence,
                    now.toString(),
                    sequence == 0 ? "dev.platform.api.post.PostCreated" : "dev.platform.api.post.PostPublished",
                    payload);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/posts/" + postId, creator.token()).status() == 200);
        settled(creator, postId, 1);

        MimeMessage mail = TestMail.to(reader.email()).get(0);
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getHeader("X-Injected")).isNull();
        assertThat(mail.getSubject()).doesNotContain("\n").doesNotContain("\r").startsWith("New post: Innocent");
        assertThat(TestMail.to(attacker)).isEmpty();
    }

    @Test
    void onlyTheCreatorSeesTheNotificationStats() {
        TestUser creator = api.newUser("creator");
        TestUser other = api.newUser("reader");
        String postId = createPost(creator, "Stats", "Numbers.");

        Response draftForOther = api.get("/api/v1/posts/" + postId + "/notifications", other.token());
        publish(creator, postId);
        Response publishedForOther = api.get("/api/v1/posts/" + postId + "/notifications", other.token());
        Response unknown = api.get("/api/v1/posts/" + UUID.randomUUID() + "/notifications", creator.token());

        assertThat(draftForOther.status()).isEqualTo(404);
        assertThat(publishedForOther.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.notificationStats(creator, postId).path("recipients").asLong())
                .isZero();
    }
}
