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
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * The verification e-mail as the new user's mailbox sees it, over RabbitMQ, the e-mail workers and the in-process
 * SMTP server: registration sends one, its token verifies the address, a resend sends another with a new token;
 * account e-mails carry no {@code List-Unsubscribe} and never show in a post's notification statistics.
 */
class VerificationEmailEndToEndTest extends EndToEndTest {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080/verify-email\\?token=([A-Za-z0-9_-]+)");

    private static List<MimeMessage> awaitAccountMail(TestUser user, int count) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> TestMail.accountMailTo(user.email()).size() >= count);
        return TestMail.accountMailTo(user.email());
    }

    /** The token of the link in both parts (the same one), checked to be the token shown in the text too. */
    private static String token(MimeMessage mail) throws Exception {
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as(text).isTrue();
        String token = link.group(1);
        // The HTML part escapes what it quotes ("=" included): read the link as a browser would.
        assertThat(Jsoup.parse(html).select("a[href]").eachAttr("href"))
                .containsExactly("http://localhost:8080/verify-email?token=" + token);
        assertThat(text.lines()).contains(token);
        return token;
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response verify(String token) {
        return api.post("/api/v1/users/verify-email", Map.of("token", token), null);
    }

    @Test
    void theTokenOfTheRegistrationEmailVerifiesTheAddress() throws Exception {
        TestUser user = api.newUser("reader");

        List<MimeMessage> mails = awaitAccountMail(user, 1);

        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("Confirm your e-mail address");
        assertThat(mail.getHeader("List-Unsubscribe")).isNull();
        assertThat(mail.getHeader("List-Unsubscribe-Post")).isNull();
        Response verified = verify(token(mail));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        Response profile = api.get("/api/v1/users/" + user.id(), user.token());
        assertThat(profile.body().get("email_verified").asBoolean())
                .as(profile.toString())
                .isTrue();
    }

    @Test
    void aResendSendsASecondEmailWithANewTokenThatVerifiesToo() throws Exception {
        TestUser user = api.newUser("creator");
        String first = token(awaitAccountMail(user, 1).get(0));

        Response resent = api.request("POST", "/api/v1/users/" + user.id() + "/verification-email")
                .token(user.token())
                .send();
        assertThat(resent.status()).as(resent.toString()).isEqualTo(202);

        List<MimeMessage> mails = awaitAccountMail(user, 2);
        assertThat(mails).hasSize(2);
        String second =
                token(mails.get(1).getMessageID().endsWith("." + 2 + "@localhost>") ? mails.get(1) : mails.get(0));
        assertThat(second).isNotEqualTo(first);
        assertThat(verify(second).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/" + user.id(), user.token())
                        .body()
                        .get("email_verified")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void accountEmailsNeverShowInAPostsNotificationStatistics() throws Exception {
        TestUser creator = api.newUser("creator");
        String postId = api.newPost(creator, "Quiet", "No subscribers.");
        assertThat(api.publish(postId, creator).status()).isEqualTo(200);
        // A reader registers after the publication: their verification e-mail goes out through the same workers.
        TestUser reader = api.newUser("reader");
        awaitAccountMail(reader, 1);
        awaitAccountMail(creator, 1);

        JsonNode stats = api.notificationStats(creator, postId);

        assertThat(stats.path("recipients").asLong()).as(stats.toString()).isZero();
        assertThat(stats.path("sent").asLong()).as(stats.toString()).isZero();
        assertThat(TestMail.about(postId)).isEmpty();
    }
}
