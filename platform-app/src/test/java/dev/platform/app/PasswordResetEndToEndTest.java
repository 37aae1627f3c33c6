package dev.platform.app;

import static dev.platform.app.Api.assertFieldError;
import static dev.platform.app.Api.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import jakarta.mail.MessagingException;
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
 * Password reset by e-mail, as a person who forgot their password lives it, over RabbitMQ, the e-mail workers and the
 * in-process SMTP server: ask (202 for any address), take the token out of the e-mail, set a new password, log in with
 * it. The old password and every token issued before are refused; a token works once, and a newer one spends the
 * older; an unknown address gets the same answer and no e-mail; the requests are paced per account.
 */
class PasswordResetEndToEndTest extends EndToEndTest {

    private static final Pattern LINK =
            Pattern.compile("http://localhost:8080/reset-password\\?token=([A-Za-z0-9_-]+)");

    private Response requestReset(String email) {
        return api.post("/api/v1/users/password-reset", Map.of("email", email), null);
    }

    private Response confirm(String token, String password) {
        return api.post("/api/v1/users/password-reset/confirm", Map.of("token", token, "password", password), null);
    }

    private Response login(TestUser user, String password) {
        return api.post("/api/v1/users/login", Map.of("email", user.email(), "password", password), null);
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MimeMessage> resetMails(TestUser user) {
        return TestMail.accountMailTo(user.email()).stream()
                .filter(mail -> messageId(mail).startsWith("<password-reset-"))
                .toList();
    }

    /** Waits for the reset e-mail of this request number (the Message-ID names it). */
    private static MimeMessage awaitResetMail(TestUser user, int request) {
        String suffix = "." + request + "@localhost>";
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> resetMails(user).stream()
                        .anyMatch(mail -> messageId(mail).endsWith(suffix)));
        return resetMails(user).stream()
                .filter(mail -> messageId(mail).endsWith(suffix))
                .findFirst()
                .orElseThrow();
    }

    /** The token of the e-mail's link, the same in both parts and shown in the text; no List-Unsubscribe. */
    private static String token(MimeMessage mail) throws Exception {
        assertThat(mail.getSubject()).isEqualTo("Reset your password");
        assertThat(mail.getHeader("List-Unsubscribe")).isNull();
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as(text).isTrue();
        String token = link.group(1);
        assertThat(text.lines()).contains(token);
        assertThat(text).contains("valid for 30 minutes");
        assertThat(Jsoup.parse(html).select("a[href]").eachAttr("href"))
                .containsExactly("http://localhost:8080/reset-password?token=" + token);
        return token;
    }

    @Test
    void theEmailedTokenSetsANewPasswordAndEverythingFromBeforeIsRefused() throws Exception {
        TestUser user = api.newUser("reader");
        String tokenBefore = user.token();
        String next = "a-new-password-" + Api.fresh();

        Response asked = requestReset(user.email().toUpperCase());
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        assertThat(asked.text("email")).isEqualTo(user.email());
        String token = token(awaitResetMail(user, 1));

        Response reset = confirm(token, next);

        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.text("id")).isEqualTo(user.id());
        assertThat(reset.body().has("access_token")).isFalse();
        Response fresh = login(user, next);
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertRefused(login(user, user.password()), 401, "INVALID_CREDENTIALS");
        Response stale = api.get("/api/v1/users/" + user.id(), tokenBefore);
        assertRefused(stale, 401, "UNAUTHENTICATED");
        assertThat(stale.header("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        // The token worked once: the second use sets nothing.
        Response again = confirm(token, "yet-another-password-1");
        assertFieldError(again, "token");
        assertThat(login(user, next).status()).isEqualTo(200);
        // Holding the token proved the address reaches its owner; the event holds no hash.
        Response profile = api.get("/api/v1/users/" + user.id(), fresh.text("access_token"));
        assertThat(profile.body().path("email_verified").asBoolean())
                .as(profile.toString())
                .isTrue();
        assertThat(EventStore.lastEvent(user.id(), "dev.platform.api.user.PasswordReset")
                        .toString())
                .doesNotContain("argon")
                .doesNotContain(next);
    }

    @Test
    void usingTheNewerTokenSpendsTheOlderOne() throws Exception {
        TestUser user = api.newUser("creator");
        assertThat(requestReset(user.email()).status()).isEqualTo(202);
        String older = token(awaitResetMail(user, 1));
        assertThat(requestReset(user.email()).status()).isEqualTo(202);
        String newer = token(awaitResetMail(user, 2));
        assertThat(newer).isNotEqualTo(older);

        assertThat(confirm(newer, "the-newer-password-1").status()).isEqualTo(200);

        Response refused = confirm(older, "the-older-password-1");
        assertFieldError(refused, "token");
        assertThat(login(user, "the-newer-password-1").status()).isEqualTo(200);
        assertRefused(login(user, "the-older-password-1"), 401, "INVALID_CREDENTIALS");
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoEmail() {
        String unknown = "nobody-" + Api.fresh() + "@example.com";
        TestUser known = api.newUser("reader");

        Response forUnknown = requestReset(unknown);
        Response forKnown = requestReset(known.email());

        assertThat(forUnknown.status()).isEqualTo(202);
        assertThat(forKnown.status()).isEqualTo(202);
        assertThat(forUnknown.raw().body()).isEqualTo("{\"email\":\"" + unknown + "\"}");
        assertThat(forKnown.raw().body()).isEqualTo("{\"email\":\"" + known.email() + "\"}");
        // Asked before the known one, the unknown address was handled by the time the known one's e-mail arrived.
        awaitResetMail(known, 1);
        assertThat(TestMail.accountMailTo(unknown)).isEmpty();
        assertThat(TestMail.to(unknown)).isEmpty();
    }

    @Test
    void requestsBeyondThePaceAreAnsweredAlikeAndSendNothing() {
        TestUser user = api.newUser("reader");

        for (int i = 0; i < 4; i++) {
            assertThat(requestReset(user.email()).status()).isEqualTo(202);
        }

        awaitResetMail(user, 3);
        // The fourth request, handled right after the third, recorded nothing: three e-mails, no more.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> resetMails(user).size() == 3);
        assertThat(EventStore.eventTypes(user.id()).stream()
                        .filter(type -> type.endsWith(".PasswordResetRequested"))
                        .count())
                .isEqualTo(3);
    }

    @Test
    void aResetLiftsTheLoginLockOfTheAccount() throws Exception {
        TestUser user = api.newUser("reader");
        Response locked = null;
        for (int i = 0; i < 11 && (locked == null || locked.status() != 429); i++) {
            locked = login(user, "not-the-password");
        }
        assertRefused(locked, 429, "RATE_LIMITED");
        assertThat(requestReset(user.email()).status()).isEqualTo(202);

        assertThat(confirm(token(awaitResetMail(user, 1)), "unlocked-password-1")
                        .status())
                .isEqualTo(200);

        assertThat(login(user, "unlocked-password-1").status()).isEqualTo(200);
    }

    @Test
    void aForgedOrWrongPurposeTokenAndAWeakPasswordAreRefused() throws Exception {
        TestUser user = api.newUser("reader");
        assertThat(requestReset(user.email()).status()).isEqualTo(202);
        String token = token(awaitResetMail(user, 1));
        String altered = token.substring(0, 20) + (token.charAt(20) == 'A' ? 'B' : 'A') + token.substring(21);

        assertFieldError(confirm(altered, "a-good-password-1"), "token");
        assertFieldError(confirm(token, "short"), "password");
        assertFieldError(confirm("not-a-token", "a-good-password-1"), "token");

        // Neither refusal spent it.
        assertThat(confirm(token, "a-good-password-1").status()).isEqualTo(200);
    }
}
