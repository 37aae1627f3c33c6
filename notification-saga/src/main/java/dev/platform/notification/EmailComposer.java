package dev.platform.notification;

import dev.platform.api.user.UserId;
import dev.platform.infra.security.UnsubscribeTokens;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes the new-post e-mail: the title in the subject, {@code multipart/alternative} with a text and an HTML part
 * from the templates ({@link MailTemplates}), the post's excerpt ({@link PostExcerpt}, made safe when the post was
 * published), a link to the post ({@code platform.notifications.post-url}), a one-click unsubscribe link in both
 * parts and in {@code List-Unsubscribe} with {@code List-Unsubscribe-Post} (RFC 8058), and a {@code Message-ID}
 * derived from (post, subscriber) so a resent e-mail can be recognised as the same one.
 */
@Component
class EmailComposer {

    /** The one-click route of the command side: a link that needs no login ({@link UnsubscribeTokens}). */
    static final String UNSUBSCRIBE_PATH = "/api/v1/unsubscribe?token=";

    private final String baseUrl;
    private final String host;
    private final String postUrl;
    /** The sender, parsed once (every e-mail has the same). */
    private final InternetAddress from;

    private final MailTemplates templates;
    private final UnsubscribeTokens unsubscribeTokens;

    EmailComposer(NotificationProperties properties, MailTemplates templates, UnsubscribeTokens unsubscribeTokens) {
        this.baseUrl = properties.baseUrl().replaceAll("/+$", "");
        String parsed = URI.create(baseUrl).getHost();
        this.host = parsed == null ? "localhost" : parsed;
        this.postUrl = properties.postUrl().replace("{base-url}", baseUrl);
        this.from = sender(properties.from().replace("{host}", host));
        this.templates = templates;
        this.unsubscribeTokens = unsubscribeTokens;
    }

    /** Parses a configured sender ({@code from}, {@code account-from}). */
    static InternetAddress sender(String from) {
        try {
            InternetAddress parsed = new InternetAddress(from, true);
            // Re-made with the name encoded as UTF-8, so a name outside ASCII reaches the mail client whole.
            return parsed.getPersonal() == null
                    ? parsed
                    : new InternetAddress(parsed.getAddress(), parsed.getPersonal(), StandardCharsets.UTF_8.name());
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("platform.notifications.from is no e-mail address: " + from, e);
        }
    }

    /** The host of {@code base-url}, the right-hand side of every Message-ID. */
    String host() {
        return host;
    }

    /** A title as one header-safe line: line breaks and other control characters become spaces. */
    static String oneLine(String text) {
        return LINE_BREAKS.matcher(text).replaceAll(" ").strip();
    }

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");

    String messageId(UUID postId, UUID subscriberId) {
        return "<post-" + postId + "." + subscriberId + "@" + host + ">";
    }

    /** The link that cancels this subscriber's subscription to the creator, without a login. */
    String unsubscribeLink(UUID subscriberId, UUID creatorId) {
        return baseUrl + UNSUBSCRIBE_PATH + unsubscribeTokens.sign(new UserId(subscriberId), new UserId(creatorId));
    }

    MimeMessage compose(Session session, UUID postId, UUID subscriberId, DeliveryLedger.Recipient recipient)
            throws MessagingException {
        String title = oneLine(recipient.title());
        String excerpt = recipient.excerpt() == null ? "" : recipient.excerpt();
        // A post published before the HTML excerpt existed: its text excerpt, escaped by the template.
        String excerptHtml = recipient.excerptHtml() == null
                ? (excerpt.isEmpty() ? "" : "<p>" + HtmlUtils.htmlEscape(excerpt) + "</p>")
                : recipient.excerptHtml();
        String unsubscribeLink = unsubscribeLink(subscriberId, recipient.creatorId());
        MailTemplates.NewPost values = new MailTemplates.NewPost(
                title, excerpt, excerptHtml, postUrl.replace("{post_id}", postId.toString()), unsubscribeLink);
        String messageId = messageId(postId, subscriberId);
        InternetAddress to = new InternetAddress(recipient.email());
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }

            /**
             * The one recipient this message has (only To is ever set), without parsing it back out of the
             * header, which Jakarta Mail otherwise does for every e-mail it sends.
             */
            @Override
            public Address[] getAllRecipients() {
                return new Address[] {to};
            }
        };
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, to);
        message.setSubject("New post: " + title, StandardCharsets.UTF_8.name());
        message.setHeader("List-Unsubscribe", "<" + unsubscribeLink + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        // Plain text first: a client shows the last alternative it can display (RFC 2046 5.1.4).
        alternatives.addBodyPart(part(templates.text(values), "plain"));
        alternatives.addBodyPart(part(templates.html(values), "html"));
        message.setContent(alternatives);
        return message;
    }

    static MimeBodyPart part(String body, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(body, StandardCharsets.UTF_8.name(), subtype);
        part.setHeader("Content-Transfer-Encoding", transferEncoding(body));
        return part;
    }

    /**
     * The transfer encoding of the body, decided on the string: 7bit when it is plain ASCII text in lines of at
     * most 998 characters (so links stay whole in the raw message), quoted-printable otherwise. Left to itself,
     * Jakarta Mail finds this out by writing the whole body through an encoder before it sends it, which was a
     * sixth of a worker's CPU in the notification benchmark.
     */
    static String transferEncoding(String text) {
        int line = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line = 0;
            } else if (c >= 0x7f || (c < 0x20 && c != '\t') || ++line > 998) {
                return "quoted-printable";
            }
        }
        return "7bit";
    }
}
