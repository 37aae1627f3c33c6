package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmailComposerTest {

    private final Session session = Session.getInstance(new Properties());
    private final EmailComposer composer = new EmailComposer(new NotificationProperties(
            0,
            "https://example.com",
            "test",
            1,
            1,
            1,
            Duration.ofMillis(50),
            List.of(Duration.ofMinutes(1)),
            Duration.ofHours(24),
            new NotificationProperties.Smtp(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30)),
            Duration.ofMinutes(2),
            Duration.ofMinutes(5),
            500,
            Duration.ofSeconds(5)));

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
            MimeMessage message = composer.compose(
                    session,
                    post,
                    UUID.randomUUID(),
                    new DeliveryLedger.Recipient("reader@example.com", UUID.randomUUID(), "Title", excerpt, true));
            message.saveChanges();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            String wire = raw.toString(StandardCharsets.ISO_8859_1);
            MimeMessage received = new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray()));

            assertThat(received.getEncoding()).isEqualTo(EmailComposer.transferEncoding(excerpt));
            assertThat(received.getContent().toString()).contains(excerpt, "https://example.com/posts/" + post);
            if (received.getEncoding().equals("7bit")) {
                // The link is whole in the raw message: no soft line break of quoted-printable inside it.
                assertThat(wire).containsPattern("Read the post: https://example.com/posts/" + post + "\r?\n");
            }
        }
    }

    @Test
    void theMessageNamesItsOneRecipientAndSender() throws Exception {
        MimeMessage message = composer.compose(
                session,
                UUID.randomUUID(),
                UUID.randomUUID(),
                new DeliveryLedger.Recipient("reader@example.com", UUID.randomUUID(), "Title", "Words.", true));
        message.saveChanges();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        MimeMessage received = new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray()));

        assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("reader@example.com");
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("reader@example.com");
        assertThat(received.getFrom()).extracting(Object::toString).containsExactly("notifications@example.com");
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
