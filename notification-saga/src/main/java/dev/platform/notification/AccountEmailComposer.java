package dev.platform.notification;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AccountTokenPurpose;
import dev.platform.infra.security.AccountTokens;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes the address-verification e-mail: {@code multipart/alternative} from {@code mail/verify-email.txt.mustache}
 * and {@code mail/verify-email.html.mustache}, from {@code platform.notifications.account-from} (replaceable like the new-post templates, see {@link MailTemplates};
 * values {@code token} and {@code verify_url}), with a token signed now ({@link AccountTokens}: tokens are never
 * stored) and a link made from {@code platform.notifications.verify-url}. It is transactional mail: no {@code
 * List-Unsubscribe} header, so clients and filters can tell it from new-post e-mails. The templates are compiled and
 * rendered once at start: a broken one stops the process instead of failing every e-mail.
 */
@Component
class AccountEmailComposer {

    static final String TEXT = "verify-email.txt.mustache";
    static final String HTML = "verify-email.html.mustache";

    private final EmailComposer mail;
    private final AccountTokens tokens;
    private final String verifyUrl;
    private final InternetAddress from;
    private final Template text;
    private final Template html;

    AccountEmailComposer(NotificationProperties properties, EmailComposer mail, AccountTokens tokens) {
        this.mail = mail;
        this.tokens = tokens;
        this.from = EmailComposer.sender(properties.accountFrom().replace("{host}", mail.host()));
        this.verifyUrl = properties
                .verifyUrl()
                .replace("{base-url}", properties.baseUrl().replaceAll("/+$", ""));
        Path directory = properties.templates() == null ? null : Path.of(properties.templates());
        this.text = Mustache.compiler().escapeHTML(false).compile(MailTemplates.source(directory, TEXT));
        this.html = Mustache.compiler().escapeHTML(true).compile(MailTemplates.source(directory, HTML));
        Map<String, Object> sample = values("sample-token");
        text.execute(sample);
        html.execute(sample);
    }

    private Map<String, Object> values(String token) {
        // The token is base64url: it goes into the link as it is.
        return Map.of("token", token, "verify_url", verifyUrl.replace("{token}", token));
    }

    MimeMessage compose(Session session, AccountEmails.Claim claim) throws MessagingException {
        if (!AccountEmails.VERIFY.equals(claim.kind())) {
            throw new IllegalArgumentException("no template for account e-mail kind " + claim.kind());
        }
        String token = tokens.sign(new UserId(claim.userId()), AccountTokenPurpose.VERIFY_EMAIL, claim.request());
        Map<String, Object> values = values(token);
        String messageId = "<" + claim.kind() + "-" + claim.userId() + "." + claim.request() + "@" + mail.host() + ">";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(claim.email()));
        message.setSubject("Confirm your e-mail address", StandardCharsets.UTF_8.name());
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(EmailComposer.part(text.execute(values), "plain"));
        alternatives.addBodyPart(EmailComposer.part(html.execute(values), "html"));
        message.setContent(alternatives);
        return message;
    }
}
