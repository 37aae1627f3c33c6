package dev.platform.notification;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.platform.api.user.UserId;
import dev.platform.infra.security.AccountTokenProperties;
import dev.platform.infra.security.AccountTokenPurpose;
import dev.platform.infra.security.AccountTokens;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes the account e-mails, each {@code multipart/alternative} from {@code platform.notifications.account-from}
 * with a text and an HTML template (replaceable like the new-post templates, see {@link MailTemplates}):
 *
 * <ul>
 *   <li>address verification, {@code mail/verify-email.{txt,html}.mustache}, values {@code token}, {@code verify_url}
 *       (from {@code platform.notifications.verify-url}) and {@code valid_for};
 *   <li>password reset, {@code mail/password-reset.{txt,html}.mustache}, values {@code token}, {@code reset_url}
 *       (from {@code platform.notifications.reset-url}) and {@code valid_for}.
 * </ul>
 *
 * The token is signed now ({@link AccountTokens}: tokens are never stored), so its lifetime ({@code valid_for}, e.g.
 * "30 minutes") runs from the moment the e-mail is written. Account e-mails are transactional mail: no {@code
 * List-Unsubscribe} header, so clients and filters can tell them from new-post e-mails. The templates are compiled and
 * rendered once at start: a broken one stops the process instead of failing every e-mail.
 */
@Component
class AccountEmailComposer {

    static final String TEXT = "verify-email.txt.mustache";
    static final String HTML = "verify-email.html.mustache";
    static final String RESET_TEXT = "password-reset.txt.mustache";
    static final String RESET_HTML = "password-reset.html.mustache";

    /** One kind of account e-mail: what its token is for, its subject, its link and its templates. */
    private record Kind(
            AccountTokenPurpose purpose,
            String subject,
            String urlName,
            String url,
            String validFor,
            Template text,
            Template html) {

        Map<String, Object> values(String token) {
            // The token is base64url: it goes into the link as it is.
            return Map.of("token", token, urlName, url.replace("{token}", token), "valid_for", validFor);
        }
    }

    private final EmailComposer mail;
    private final AccountTokens tokens;
    private final InternetAddress from;
    private final Map<String, Kind> kinds;

    AccountEmailComposer(
            NotificationProperties properties,
            EmailComposer mail,
            AccountTokens tokens,
            AccountTokenProperties tokenProperties) {
        this.mail = mail;
        this.tokens = tokens;
        this.from = EmailComposer.sender(properties.accountFrom().replace("{host}", mail.host()));
        String baseUrl = properties.baseUrl().replaceAll("/+$", "");
        Path directory = properties.templates() == null ? null : Path.of(properties.templates());
        this.kinds = Map.of(
                AccountEmails.VERIFY,
                kind(
                        directory,
                        AccountTokenPurpose.VERIFY_EMAIL,
                        "Confirm your e-mail address",
                        "verify_url",
                        properties.verifyUrl().replace("{base-url}", baseUrl),
                        tokenProperties,
                        TEXT,
                        HTML),
                AccountEmails.RESET,
                kind(
                        directory,
                        AccountTokenPurpose.PASSWORD_RESET,
                        "Reset your password",
                        "reset_url",
                        properties.resetUrl().replace("{base-url}", baseUrl),
                        tokenProperties,
                        RESET_TEXT,
                        RESET_HTML));
    }

    private static Kind kind(
            Path directory,
            AccountTokenPurpose purpose,
            String subject,
            String urlName,
            String url,
            AccountTokenProperties tokenProperties,
            String textName,
            String htmlName) {
        Kind kind = new Kind(
                purpose,
                subject,
                urlName,
                url,
                describe(tokenProperties.ttl(purpose)),
                Mustache.compiler().escapeHTML(false).compile(MailTemplates.source(directory, textName)),
                Mustache.compiler().escapeHTML(true).compile(MailTemplates.source(directory, htmlName)));
        Map<String, Object> sample = kind.values("sample-token");
        kind.text().execute(sample);
        kind.html().execute(sample);
        return kind;
    }

    /** A lifetime in words: "30 minutes", "7 days", "1 hour". */
    static String describe(Duration lifetime) {
        long seconds = lifetime.toSeconds();
        if (seconds >= 86_400 && seconds % 86_400 == 0) {
            return count(seconds / 86_400, "day");
        }
        if (seconds >= 3_600 && seconds % 3_600 == 0) {
            return count(seconds / 3_600, "hour");
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return count(seconds / 60, "minute");
        }
        return count(seconds, "second");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    MimeMessage compose(Session session, AccountEmails.Claim claim) throws MessagingException {
        Kind kind = kinds.get(claim.kind());
        if (kind == null) {
            throw new IllegalArgumentException("no template for account e-mail kind " + claim.kind());
        }
        String token = tokens.sign(new UserId(claim.userId()), kind.purpose(), claim.request());
        Map<String, Object> values = kind.values(token);
        String messageId = "<" + claim.kind() + "-" + claim.userId() + "." + claim.request() + "@" + mail.host() + ">";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(claim.email()));
        message.setSubject(kind.subject(), StandardCharsets.UTF_8.name());
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(EmailComposer.part(kind.text().execute(values), "plain"));
        alternatives.addBodyPart(EmailComposer.part(kind.html().execute(values), "html"));
        message.setContent(alternatives);
        return message;
    }
}
