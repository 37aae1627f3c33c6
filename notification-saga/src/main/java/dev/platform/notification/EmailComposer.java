package dev.platform.notification;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.springframework.stereotype.Component;

/**
 * Writes the new-post e-mail: the title in the subject, a plain-text excerpt of the content (markup stripped,
 * so nothing in it can run in a mail client), a link to the post, an unsubscribe link and a
 * {@code List-Unsubscribe} header, and a {@code Message-ID} derived from (post, subscriber) so a resent
 * e-mail can be recognised as the same one.
 */
@Component
class EmailComposer {

    static final int EXCERPT_LENGTH = 280;

    private final String baseUrl;
    private final String host;
    /** The sender, parsed once (every e-mail has the same). */
    private final InternetAddress from;

    EmailComposer(NotificationProperties properties) {
        this.baseUrl = properties.baseUrl().replaceAll("/+$", "");
        String parsed = URI.create(baseUrl).getHost();
        this.host = parsed == null ? "localhost" : parsed;
        try {
            this.from = new InternetAddress("notifications@" + host);
        } catch (AddressException e) {
            throw new IllegalArgumentException("no sender address for base URL " + baseUrl, e);
        }
    }

    /** The plain-text excerpt of a post's content: its text without any markup, cut at a word. */
    static String excerpt(String content) {
        String text = Jsoup.parse(content).text().replaceAll("\\s+", " ").strip();
        if (text.length() <= EXCERPT_LENGTH) {
            return text;
        }
        int cut = text.lastIndexOf(' ', EXCERPT_LENGTH);
        return text.substring(0, cut > EXCERPT_LENGTH / 2 ? cut : EXCERPT_LENGTH) + "…";
    }

    /** A title as one header-safe line: line breaks and other control characters become spaces. */
    static String oneLine(String text) {
        return LINE_BREAKS.matcher(text).replaceAll(" ").strip();
    }

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");

    String messageId(UUID postId, UUID subscriberId) {
        return "<post-" + postId + "." + subscriberId + "@" + host + ">";
    }

    MimeMessage compose(Session session, UUID postId, UUID subscriberId, DeliveryLedger.Recipient recipient)
            throws MessagingException {
        String title = oneLine(recipient.title());
        String postLink = baseUrl + "/posts/" + postId;
        String unsubscribeLink = baseUrl + "/creators/" + recipient.creatorId() + "/unsubscribe";
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
        String text = title + "\n\n" + (recipient.excerpt() == null ? "" : recipient.excerpt()) + "\n\n"
                + "Read the post: " + postLink + "\n\n"
                + "You get this e-mail because you subscribe to this creator.\n"
                + "Unsubscribe: " + unsubscribeLink + "\n";
        message.setText(text, StandardCharsets.UTF_8.name());
        message.setHeader("Content-Transfer-Encoding", transferEncoding(text));
        return message;
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
