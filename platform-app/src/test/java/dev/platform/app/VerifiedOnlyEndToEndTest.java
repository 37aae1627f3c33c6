package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code platform.notifications.verified-only}: new-post e-mails go to verified addresses only, and the post's
 * statistics count the subscribers skipped for it; account e-mails still go to every address, are counted in the
 * metrics by kind and never in a post's statistics or the new-post counters. An application of this test's own, on
 * a fresh database with the option on (the shared context runs with it off and is left alone), so that its metrics
 * count this test's e-mails only.
 */
class VerifiedOnlyEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern LINK = Pattern.compile("/verify-email\\?token=([A-Za-z0-9_-]+)");

    private static List<MimeMessage> awaitAccountMail(TestUser user) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !TestMail.accountMailTo(user.email()).isEmpty());
        return TestMail.accountMailTo(user.email());
    }

    /** The token of the link in the text part of the user's verification e-mail. */
    private static String verificationToken(TestUser user) throws Exception {
        MimeMultipart parts = (MimeMultipart) awaitAccountMail(user).get(0).getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as(text).isTrue();
        return link.group(1);
    }

    /** The sum of a counter's series whose labels include all of {@code labels}, as Prometheus scrapes it. */
    private static double scraped(Api api, String metric, String... labels) {
        return api.get("/actuator/prometheus", null)
                .raw()
                .body()
                .lines()
                .filter(line -> line.startsWith(metric + "{"))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void withVerifiedOnlyAnUnverifiedSubscriberGetsNoNewPostEmailAndIsCountedAsSkipped() throws Exception {
        try (ConfigurableApplicationContext app = StandaloneApplication.start(
                TestDatabase.create("verified_only"),
                "--platform.notifications.verified-only=true",
                // The shared context's bounded SMTP waits: a stuck exchange is a retry 200 ms later, not 30 s.
                "--platform.notifications.smtp.connect-timeout=2s",
                "--platform.notifications.smtp.read-timeout=2s",
                "--platform.notifications.smtp.write-timeout=2s")) {
            try {
                publishToOneOfTwoSubscribers(app);
            } catch (ConditionTimeoutException e) {
                // What the e-mails of this application's own database were doing when the wait gave up.
                throw new AssertionError(
                        e.getMessage() + "\naccount_email: "
                                + new JdbcTemplate(app.getBean(DataSource.class))
                                        .queryForList("SELECT user_id, status, attempts, last_error FROM account_email")
                                + "\nnotification_delivery: "
                                + new JdbcTemplate(app.getBean(DataSource.class))
                                        .queryForList(
                                                "SELECT subscriber_id, status, attempts, last_error FROM notification_delivery"),
                        e);
            }
        }
    }

    /** Everything of the test but the application's start and stop. */
    private static void publishToOneOfTwoSubscribers(ConfigurableApplicationContext app) throws Exception {
        Api api = new Api(StandaloneApplication.port(app));
        TestUser creator = api.newUser("creator");
        TestUser verified = api.newUser("reader");
        TestUser unverified = api.newUser("reader");
        Response verifiedNow =
                api.post("/api/v1/users/verify-email", Map.of("token", verificationToken(verified)), null);
        assertThat(verifiedNow.status()).as(verifiedNow.toString()).isEqualTo(200);
        assertThat(api.subscribe(verified, creator.id()).status()).isEqualTo(201);
        assertThat(api.subscribe(unverified, creator.id()).status()).isEqualTo(201);
        // Every account e-mail has gone out (the unverified reader's too: verified-only holds back new-post
        // e-mails only), each counted with its kind.
        awaitAccountMail(unverified);
        awaitAccountMail(creator);
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> scraped(
                                api,
                                "platform_notifications_account_emails_total",
                                "kind=\"verify-email\"",
                                "outcome=\"sent\"")
                        == 3);

        String postId = api.newPost(creator, "Members only", "For verified readers.");
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode stats = api.notificationStats(creator, postId);
            return stats.path("sent").asLong() == 1 && stats.path("pending").asLong() == 0;
        });
        JsonNode stats = api.notificationStats(creator, postId);
        assertThat(stats.path("recipients").asLong()).as(stats.toString()).isEqualTo(1);
        assertThat(stats.path("skipped_unverified").asLong())
                .as(stats.toString())
                .isEqualTo(1);
        assertThat(stats.path("failed").asLong()).as(stats.toString()).isZero();
        List<MimeMessage> received = TestMail.to(verified.email());
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getMessageID()).contains(postId);
        assertThat(TestMail.to(unverified.email())).isEmpty();
        assertThat(TestMail.about(postId)).hasSize(1);
        // The three account e-mails went through the same workers but count apart from new-post e-mails.
        assertThat(scraped(api, "platform_notifications_emails_total", "outcome=\"sent\""))
                .isEqualTo(1);
        assertThat(scraped(
                        api,
                        "platform_notifications_account_emails_total",
                        "kind=\"verify-email\"",
                        "outcome=\"sent\""))
                .isEqualTo(3);
    }
}
