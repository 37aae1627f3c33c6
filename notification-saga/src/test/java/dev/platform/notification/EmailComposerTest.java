package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.platform.api.user.UserId;
import dev.platform.infra.security.UnsubscribeProperties;
import dev.platform.infra.security.UnsubscribeTarget;
import dev.platform.infra.security.UnsubscribeTokens;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class EmailComposerTest {

    private static final String SECRET = "the-unsubscribe-key-of-the-composer-test";

    private final Session session = Session.getInstance(new Properties());
    private final UnsubscribeTokens tokens =
            new UnsubscribeTokens(new UnsubscribeProperties(SECRET, List.of()), new MockEnvironment());
    private final EmailComposer composer = composer(Map.of("base-url", "https://example.com"));

    private EmailComposer composer(Map<String, String> properties) {
        NotificationProperties bound = NotificationDefaults.with(properties);
        return new EmailComposer(bound, new MailTemplates(bound), tokens);
    }

    private static DeliveryLedger.Recipient recipient(String title, String excerpt, String excerptHtml) {
        return new DeliveryLedger.Recipient(
                "reader@example.com", UUID.randomUUID(), title, excerpt, excerptHtml, true, false);
    }

    /** The message as the receiving server gets it: written to bytes and parsed back. */
    private MimeMessage received(MimeMessage message) throws Exception {
        message.saveChanges();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray()));
    }

    /** The text/plain and text/html parts of a received multipart/alternative, in that order. */
    private static List<BodyPart> parts(MimeMessage received) throws Exception {
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        MimeMultipart multipart = (MimeMultipart) received.getContent();
        assertThat(multipart.getCount()).isEqualTo(2);
        assertThat(multipart.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(multipart.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        return List.of(multipart.getBodyPart(0), multipart.getBodyPart(1));
    }

    @Test
    void plainAsciiTextIsSentAsItIs() {
        assertThat(EmailComposer.transferEncoding("Hello\n\nRead the post: https://example.com/posts/1\n"))
                .isEqualTo("7bit");
    }

    @Test
    void nonAsciiControlCharactersAndOverlongLinesAreQuotedPrintable() {
        assertThat(EmailComposer.transferEncoding("Caf\u00e9")).isEqualTo("quoted-printable");
        assertThat(EmailComposer.transferEncoding("cut\u2026")).isEqualTo("quoted-printable");
        assertThat(EmailComposer.transferEncoding("a\rb")).isEqualTo("quoted-printable");
        assertThat(EmailComposer.transferEncoding("x".repeat(998) + "\n" + "y".repeat(998)))
                .isEqualTo("7bit");
        assertThat(EmailComposer.transferEncoding("x".repeat(999))).isEqualTo("quoted-printable");
    }

    @Test
    void theDeclaredEncodingIsTheOneOnTheWireAndTheTextReadsBackUnchanged() throws Exception {
        UUID post = UUID.randomUUID();
        for (String excerpt :
                new String[] {"Plain words only.", "Des caf\u00e9s \u00e0 Paris \u2026 <b>not bold</b>"}) {
            MimeMessage message = composer.compose(session, post, UUID.randomUUID(), recipient("Title", excerpt, null));
            message.saveChanges();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            String wire = raw.toString(StandardCharsets.ISO_8859_1);
            MimeMessage received = new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray()));
            BodyPart text = parts(received).get(0);

            String content = text.getContent().toString();
            assertThat(((MimeBodyPart) text).getEncoding()).isEqualTo(EmailComposer.transferEncoding(content));
            assertThat(content).contains(excerpt, "https://example.com/api/v1/posts/" + post);
            if (((MimeBodyPart) text).getEncoding().equals("7bit")) {
                // The link is whole in the raw message: no soft line break of quoted-printable inside it.
                assertThat(wire).containsPattern("Read the post: https://example.com/api/v1/posts/" + post + "\r?\n");
            }
        }
    }

    @Test
    void theMessageNamesItsOneRecipientAndSender() throws Exception {
        MimeMessage message =
                composer.compose(session, UUID.randomUUID(), UUID.randomUUID(), recipient("Title", "Words.", null));
        MimeMessage received = received(message);

        assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("reader@example.com");
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("reader@example.com");
        assertThat(received.getFrom()).extracting(Object::toString).containsExactly("notifications@example.com");
    }

    @Test
    void theSenderAndThePostLinkAreConfigurable() throws Exception {
        EmailComposer configured = composer(Map.of(
                "base-url", "https://api.example.com",
                "from", "Caf\u00e9 Platform <news@example.com>",
                "post-url", "https://example.com/p/{post_id}"));
        UUID post = UUID.randomUUID();
        MimeMessage received =
                received(configured.compose(session, post, UUID.randomUUID(), recipient("Title", "Words.", null)));

        InternetAddress sender = (InternetAddress) received.getFrom()[0];
        assertThat(sender.getAddress()).isEqualTo("news@example.com");
        assertThat(sender.getPersonal()).isEqualTo("Caf\u00e9 Platform");
        assertThat(parts(received).get(0).getContent().toString()).contains("https://example.com/p/" + post);
        assertThat(Jsoup.parse(parts(received).get(1).getContent().toString())
                        .select("a")
                        .eachAttr("href"))
                .contains("https://example.com/p/" + post);
    }

    @Test
    void theOneClickUnsubscribeLinkIsInBothHeadersAndInBothParts() throws Exception {
        UUID subscriber = UUID.randomUUID();
        DeliveryLedger.Recipient recipient = recipient("Title", "Words.", "<p>Words.</p>");
        MimeMessage received = received(composer.compose(session, UUID.randomUUID(), subscriber, recipient));

        String header = received.getHeader("List-Unsubscribe")[0];
        assertThat(header)
                .startsWith("<https://example.com/api/v1/unsubscribe?token=")
                .endsWith(">");
        assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        String link = header.substring(1, header.length() - 1);
        String token = link.substring(link.indexOf("token=") + "token=".length());
        assertThat(tokens.verify(token))
                .contains(new UnsubscribeTarget(new UserId(subscriber), new UserId(recipient.creatorId())));
        assertThat(parts(received).get(0).getContent().toString()).contains("Unsubscribe: " + link + "\n");
        assertThat(Jsoup.parse(parts(received).get(1).getContent().toString())
                        .select("a")
                        .eachAttr("href"))
                .contains(link);
    }

    @Test
    void everyValueIsEscapedInTheHtmlPartAndShownAsTextInBoth() throws Exception {
        String title = "<script>alert(1)</script> & \"quotes\"";
        PostExcerpt excerpt = PostExcerpt.of("Some **bold** words.\n\n<script>alert(2)</script>\n\n"
                + "<img src=x onerror=alert(3)> [a link](javascript:alert(4)) [ok](https://example.com/x)");
        MimeMessage received = received(composer.compose(
                session, UUID.randomUUID(), UUID.randomUUID(), recipient(title, excerpt.text(), excerpt.html())));
        String text = parts(received).get(0).getContent().toString();
        String html = parts(received).get(1).getContent().toString();

        assertThat(received.getSubject()).isEqualTo("New post: " + title);
        assertThat(text).startsWith(title + "\n").contains("Some bold words.").doesNotContain("alert(2)", "**");
        Document page = Jsoup.parse(html);
        assertThat(page.select("h1").text()).isEqualTo(title);
        assertThat(page.select("strong").text()).isEqualTo("bold");
        assertThat(html).doesNotContain("<script", "alert(2)", "onerror", "javascript:", "<img");
        assertThat(page.select("script, img, [onerror]")).isEmpty();
        assertThat(page.select("a").eachAttr("href")).contains("https://example.com/x");
    }

    @Test
    void aPostPublishedBeforeHtmlExcerptsGetsItsTextExcerptEscapedInTheHtmlPart() throws Exception {
        MimeMessage received = received(composer.compose(
                session, UUID.randomUUID(), UUID.randomUUID(), recipient("Title", "a <b>not bold</b> & c", null)));
        String html = parts(received).get(1).getContent().toString();

        assertThat(html).contains("a &lt;b&gt;not bold&lt;/b&gt; &amp; c").doesNotContain("<b>");
    }

    @Test
    void aPostWithoutTextHasNoExcerptBlock() throws Exception {
        MimeMessage received =
                received(composer.compose(session, UUID.randomUUID(), UUID.randomUUID(), recipient("Title", "", "")));

        assertThat(parts(received).get(0).getContent().toString()).startsWith("Title\n\nRead the post: ");
        assertThat(Jsoup.parse(parts(received).get(1).getContent().toString()).select("div"))
                .isEmpty();
    }

    @Test
    void anOperatorsTemplateReplacesTheBuiltInOne(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve(MailTemplates.TEXT), "Custom: {{title}} {{unsubscribe_url}}\n");
        EmailComposer custom = composer(Map.of("base-url", "https://example.com", "templates", directory.toString()));
        MimeMessage received =
                received(custom.compose(session, UUID.randomUUID(), UUID.randomUUID(), recipient("T", "W", null)));

        assertThat(parts(received).get(0).getContent().toString())
                .startsWith("Custom: T https://example.com/api/v1/unsubscribe?token=");
        assertThat(parts(received).get(1).getContent().toString()).contains("<h1"); // the built-in HTML one
    }

    @Test
    void aTemplateNamingAnUnknownValueFailsAtStart(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve(MailTemplates.HTML), "{{titel}}");

        assertThatThrownBy(() -> composer(Map.of("templates", directory.toString())))
                .hasMessageContaining("titel");
    }

    @Test
    void theDateHeaderIsTheCurrentSecondInMailFormatFormattedOncePerSecond() throws Exception {
        SmtpConnections.MailDates dates = new SmtpConnections.MailDates();
        long before = Math.floorDiv(System.currentTimeMillis(), 1000L) * 1000L;
        String header = dates.now();
        String again = dates.now();
        long after = System.currentTimeMillis();

        assertThat(new MailDateFormat().parse(header).getTime()).isBetween(before, after);
        if (after / 1000L == before / 1000L) {
            // both within one second: the second call reuses the first one's text
            assertThat(again).isSameAs(header);
        }
    }
}
