package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.platform.api.user.UserId;
import dev.platform.app.Api.Response;
import dev.platform.app.Api.TestUser;
import dev.platform.infra.security.UnsubscribeProperties;
import dev.platform.infra.security.UnsubscribeTokens;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * One-click unsubscribe (RFC 8058) and the HTML + text e-mail, as a subscriber's mailbox sees them: over HTTP, real
 * RabbitMQ and the in-process SMTP server. The links in e-mails point at {@code platform.notifications.base-url}
 * (port 8080 in the tests): the test sends their path and query to the application it runs.
 */
class OneClickUnsubscribeEndToEndTest extends EndToEndTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    /** Publishes a new post of the creator and waits until its e-mails are all decided. */
    private String publishAndSettle(TestUser creator, String title, String content, long recipients) {
        String postId = api.newPost(creator, title, content);
        Response published = api.publish(postId, creator);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    var stats = api.notificationStats(creator, postId);
                    return stats.path("recipients").asLong() == recipients
                            && stats.path("pending").asLong() == 0;
                });
        return postId;
    }

    private static MimeMessage mailAbout(String postId, TestUser subscriber) {
        List<MimeMessage> mails = TestMail.about(postId).stream()
                .filter(mail -> TestMail.to(subscriber.email()).contains(mail))
                .toList();
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    /** The path and query of the e-mail's List-Unsubscribe link. */
    private static String unsubscribePath(MimeMessage mail) throws Exception {
        String header = mail.getHeader("List-Unsubscribe")[0];
        assertThat(header).matches("<http://localhost:8080/api/v1/unsubscribe\\?token=[A-Za-z0-9_-]+>");
        return header.substring("<http://localhost:8080".length(), header.length() - 1);
    }

    private String status(TestUser subscriber, TestUser creator) {
        Response subscription =
                api.get("/api/v1/users/" + subscriber.id() + "/subscriptions/" + creator.id(), subscriber.token());
        assertThat(subscription.status()).as(subscription.toString()).isEqualTo(200);
        return subscription.text("status");
    }

    private static List<BodyPart> parts(MimeMessage mail) throws Exception {
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart multipart = (MimeMultipart) mail.getContent();
        assertThat(multipart.getCount()).isEqualTo(2);
        assertThat(multipart.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(multipart.getBodyPart(1).getContentType()).startsWith("text/html");
        return List.of(multipart.getBodyPart(0), multipart.getBodyPart(1));
    }

    @Test
    void aSubscriberUnsubscribesWithTheLinkOfAnEmailWithoutLoggingInAndGetsNothingMore() throws Exception {
        TestUser creator = api.newUser("creator");
        List<TestUser> subscribers = api.newSubscribers(creator, 2);
        TestUser leaving = subscribers.get(0);
        String first = publishAndSettle(creator, "First", "Hello.", 2);
        MimeMessage mail = mailAbout(first, leaving);
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly(ONE_CLICK);
        String link = unsubscribePath(mail);
        assertThat(parts(mail).get(0).getContent().toString()).contains("http://localhost:8080" + link);

        // A link scanner's GET: a page with a button that posts the same URL, and nothing changes.
        Response page = api.request("GET", link).send();
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
        Document html = Jsoup.parse(page.raw().body());
        assertThat(html.select("form").attr("method")).isEqualTo("post");
        assertThat(html.select("form").attr("action")).isEqualTo(link.substring(link.indexOf('?')));
        assertThat(html.select("script")).isEmpty();
        assertThat(status(leaving, creator)).isEqualTo("active");

        // One character of the token changed: refused, nothing changed.
        char last = link.charAt(link.length() - 1);
        String altered = link.substring(0, link.length() - 1) + (last == 'A' ? 'B' : 'A');
        Api.assertFieldError(api.request("POST", altered).raw(FORM, ONE_CLICK).send(), "token");
        Api.assertFieldError(api.request("GET", altered).send(), "token");
        Api.assertFieldError(
                api.request("POST", link.substring(0, link.length() - 1)).send(), "token");
        assertThat(status(leaving, creator)).isEqualTo("active");

        // What a mailbox provider sends: the form body, no token, no cookie.
        Response cancelled = api.request("POST", link).raw(FORM, ONE_CLICK).send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("cancelled");
        String subscriptionId = cancelled.text("subscription_id");
        assertThat(status(leaving, creator)).isEqualTo("cancelled");
        assertThat(EventStore.lastEvent(subscriptionId, "dev.platform.api.subscription.SubscriptionCancelled")
                        .path("via")
                        .asText())
                .isEqualTo("email_link");

        // Again (a second click, an empty body, JSON, a browser): 200, still cancelled, no new event.
        int events = EventStore.eventsOf(subscriptionId);
        assertThat(api.request("POST", link).send().text("status")).isEqualTo("cancelled");
        assertThat(api.request("POST", link).json("{}").send().text("status")).isEqualTo("cancelled");
        Response browser = api.request("POST", link)
                .raw(FORM, ONE_CLICK)
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .send();
        assertThat(browser.status()).isEqualTo(200);
        assertThat(browser.header("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(browser.raw().body()).contains("unsubscribed");
        assertThat(EventStore.eventsOf(subscriptionId)).isEqualTo(events);
        Api.assertRefused(api.request("POST", link).raw("text/plain", "x").send(), 415, "UNSUPPORTED_MEDIA_TYPE");

        String second = publishAndSettle(creator, "Second", "Again.", 1);
        assertThat(TestMail.about(second)).hasSize(1);
        assertThat(TestMail.to(leaving.email())).hasSize(1);
        assertThat(TestMail.to(subscribers.get(1).email())).hasSize(2);
    }

    @Test
    void aTokenOfAnotherKeyIsRefused() {
        String foreign = new UnsubscribeTokens(
                        new UnsubscribeProperties("a-key-that-this-platform-does-not-have-0123", List.of()),
                        new MockEnvironment())
                .sign(new UserId(UUID.randomUUID()), new UserId(UUID.randomUUID()));
        Api.assertFieldError(
                api.request("POST", "/api/v1/unsubscribe?token=" + foreign)
                        .raw(FORM, ONE_CLICK)
                        .send(),
                "token");
        Api.assertFieldError(api.request("POST", "/api/v1/unsubscribe").send(), "token");
    }

    @Test
    void aPostWithAScriptTitleAndMarkdownArrivesInBothPartsWithNothingExecutable() throws Exception {
        TestUser creator = api.newUser("creator");
        TestUser subscriber = api.newSubscribers(creator, 1).get(0);
        String title = "<script>alert(1)</script>";
        String postId = publishAndSettle(
                creator,
                title,
                "We are **live**.\n\n<script>alert(2)</script>\n\n<img src=x onerror=alert(3)> [more](https://example.com)",
                1);
        MimeMessage mail = mailAbout(postId, subscriber);
        // Lines end in CRLF on the wire.
        String text = parts(mail).get(0).getContent().toString().replace("\r\n", "\n");
        String html = parts(mail).get(1).getContent().toString();

        assertThat(mail.getSubject()).isEqualTo("New post: " + title);
        // The text part is text/plain: the title is shown as it is, markup of the content is gone.
        assertThat(text).startsWith(title + "\n").contains("We are live.").doesNotContain("**", "alert(2)", "<img");
        Document page = Jsoup.parse(html);
        assertThat(page.select("h1").text()).isEqualTo(title);
        assertThat(page.select("strong").text()).isEqualTo("live");
        assertThat(page.select("script, img, [onerror]")).isEmpty();
        assertThat(html).doesNotContain("<script", "alert(2)", "onerror");
        assertThat(page.select("a").eachAttr("href"))
                .contains("http://localhost:8080/api/v1/posts/" + postId, "https://example.com")
                .anyMatch(href -> href.startsWith("http://localhost:8080/api/v1/unsubscribe?token="));
    }
}
