package dev.platform.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends through Spring's configured mail session ({@code spring.mail.*}), keeping one SMTP connection per worker
 * thread open between e-mails instead of a connect, greeting and QUIT for each. A connection that fails below
 * the SMTP level (a refused connection, one the server closed), or with the reply 421 (the server closes the channel),
 * is dropped and the next e-mail opens a new one; the failed e-mail itself is retried like any transient failure,
 * except after a 421 on a kept connection (the server's answer once a connection sat idle past its timeout): nothing
 * was accepted on it, and the e-mail is sent again at once on a new connection. Any other SMTP reply (4xx, 5xx) leaves the connection in use:
 * Jakarta Mail resets the transaction after it.
 *
 * <p>Every wait is bounded ({@code platform.notifications.smtp.*}): connecting, each reply (the greeting
 * included) and each write. A server that accepts TCP and never answers, or a connection gone half-open, ends
 * in a timeout after at most that long; the connection is dropped and the e-mail retried.
 */
@Component
class SmtpConnections implements DisposableBean {

    private static final int CLOSING_CHANNEL = 421;

    private final JavaMailSenderImpl mail;
    private final MailDates dates = new MailDates();
    private final ThreadLocal<Transport> current = new ThreadLocal<>();
    private final Set<Transport> open = ConcurrentHashMap.newKeySet();

    SmtpConnections(JavaMailSenderImpl mail, NotificationProperties properties) {
        this.mail = mail;
        nameStreamProvider();
        mail.setJavaMailProperties(withTimeouts(mail.getJavaMailProperties(), properties.smtp()));
    }

    /**
     * Jakarta Mail's own settings with the timeouts added, for {@code smtp} and {@code smtps}; one the operator
     * set through {@code spring.mail.properties.*} is kept.
     */
    static Properties withTimeouts(Properties configured, NotificationProperties.Smtp timeouts) {
        Properties properties = new Properties();
        properties.putAll(configured);
        for (String protocol : new String[] {"smtp", "smtps"}) {
            String prefix = "mail." + protocol + ".";
            properties.putIfAbsent(
                    prefix + "connectiontimeout",
                    Long.toString(timeouts.connectTimeout().toMillis()));
            properties.putIfAbsent(
                    prefix + "timeout", Long.toString(timeouts.readTimeout().toMillis()));
            properties.putIfAbsent(
                    prefix + "writetimeout",
                    Long.toString(timeouts.writeTimeout().toMillis()));
        }
        return properties;
    }

    /**
     * Jakarta Mail 2.1 looks up its {@code StreamProvider} through {@link java.util.ServiceLoader} each time it
     * makes an encoder, several times per e-mail (jakartaee/mail-api#861); inside the executable jar every lookup
     * opens the nested jars again, and this was most of a worker's CPU (60 % of its samples in a 10,000 e-mail
     * run). The lookup reads a system property of that name first; naming Angus Mail's implementation there turns
     * it into a {@code Class.forName} of a loaded class. An implementation named by the operator is kept.
     */
    static void nameStreamProvider() {
        String property = "jakarta.mail.util.StreamProvider";
        String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(property) != null) {
            return;
        }
        try {
            Class.forName(angus, false, SmtpConnections.class.getClassLoader());
            System.setProperty(property, angus);
        } catch (ClassNotFoundException absent) {
            // Another Jakarta Mail implementation: leave its lookup as it is.
        }
    }

    jakarta.mail.Session session() {
        return mail.getSession();
    }

    void send(MimeMessage message) throws MessagingException {
        if (message.getHeader("Date") == null) {
            message.setHeader("Date", dates.now());
        }
        message.saveChanges();
        boolean kept = current.get() != null;
        try {
            attempt(message);
        } catch (MessagingException e) {
            OptionalInt reply = SmtpFailures.replyCode(e);
            if (!kept || reply.isEmpty() || reply.getAsInt() != CLOSING_CHANNEL) {
                throw e;
            }
            // A kept connection the server had closed (it answers 421 to the next command once a connection sat idle
            // past its timeout): nothing was accepted on it, so the e-mail goes out at once on a new connection
            // instead of waiting for a retry (each worker's kept connection would fail one e-mail otherwise).
            attempt(message);
        }
    }

    private void attempt(MimeMessage message) throws MessagingException {
        Transport transport = connected();
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            OptionalInt reply = SmtpFailures.replyCode(e);
            // 421: the server is closing the channel (RFC 5321 4.2.3), so the connection is of no further use either.
            if (reply.isEmpty() || reply.getAsInt() == CLOSING_CHANNEL) {
                drop(transport);
            }
            throw e;
        }
    }

    /**
     * The {@code Date} header for the current second, formatted once per second: {@link MailDateFormat} (a {@code
     * SimpleDateFormat}) is made and run for every e-mail otherwise, 7 % of a worker's CPU in the notification
     * benchmark. The header has no finer precision than a second anyway.
     */
    static final class MailDates {

        private record Formatted(long second, String value) {}

        private volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

        String now() {
            long second = Math.floorDiv(System.currentTimeMillis(), 1000L);
            Formatted formatted = last;
            if (formatted.second() != second) {
                formatted = new Formatted(second, new MailDateFormat().format(new Date(second * 1000L)));
                last = formatted;
            }
            return formatted.value();
        }
    }

    private Transport connected() throws MessagingException {
        Transport transport = current.get();
        if (transport != null) {
            return transport;
        }
        transport = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
        transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
        current.set(transport);
        open.add(transport);
        return transport;
    }

    private void drop(Transport transport) {
        current.remove();
        open.remove(transport);
        try {
            transport.close();
        } catch (MessagingException ignored) {
            // already broken
        }
    }

    /** Closes the connections of every worker at shutdown (after the workers have stopped). */
    @Override
    public void destroy() {
        for (Transport transport : open) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // closing anyway
            }
        }
        open.clear();
    }
}
