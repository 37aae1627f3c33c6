package dev.platform.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.net.SocketFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends through Spring's configured mail session ({@code spring.mail.*}), keeping one SMTP connection per worker
 * thread open between e-mails instead of a connect, greeting and QUIT for each. A connection that fails below
 * the SMTP level (a refused connection, one the server closed) is dropped and the next e-mail opens a new one;
 * the failed e-mail itself is retried like any transient failure. An SMTP reply (4xx, 5xx) leaves the connection
 * in use: Jakarta Mail resets the transaction after it, except 421, with which the server closes the channel.
 *
 * <p>Servers close connections that stay idle (GreenMail after 30 s, others after minutes), and the next e-mail on
 * such a connection failed, once per worker: after a quiet spell, as many transient failures as there are workers.
 * A connection idle for longer than {@link #IDLE_CHECK} is replaced by a new one before it carries an e-mail; a busy
 * worker never pays for it. Not checked with a {@code NOOP} first: against a server that stopped answering, the
 * check's wait and then the new connection's greeting would hold the worker for two timeouts instead of one. Closing
 * never waits for the server's answer to {@code QUIT} ({@code mail.smtp.quitwait=false}), for the same reason.
 *
 * <p>Every wait is bounded ({@code platform.notifications.smtp.*}): connecting, each reply (the greeting
 * included) and each write (see {@link SmtpWriteDeadlines}). A server that accepts TCP and never answers, or a connection gone half-open, ends
 * in a timeout after at most that long; the connection is dropped and the e-mail retried.
 */
@Component
class SmtpConnections implements DisposableBean {

    private final JavaMailSenderImpl mail;
    private final Duration idleCheck;
    private final MailDates dates = new MailDates();
    /** A connection unused for longer than this is replaced by a new one before it carries an e-mail. */
    static final Duration IDLE_CHECK = Duration.ofSeconds(5);

    /** REPLY 421: the server is closing the transmission channel (RFC 5321, 3.8). */
    private static final int CLOSING = 421;

    private final ThreadLocal<Transport> current = new ThreadLocal<>();
    private final ThreadLocal<long[]> lastUsed = ThreadLocal.withInitial(() -> new long[1]);
    private final Set<Transport> open = ConcurrentHashMap.newKeySet();
    private final SmtpWriteDeadlines writeDeadlines;

    @Autowired
    SmtpConnections(JavaMailSenderImpl mail, NotificationProperties properties) {
        this(mail, properties, IDLE_CHECK);
    }

    /** @param idleCheck tests' {@link #IDLE_CHECK} */
    SmtpConnections(JavaMailSenderImpl mail, NotificationProperties properties, Duration idleCheck) {
        this.idleCheck = idleCheck;
        this.mail = mail;
        this.writeDeadlines = new SmtpWriteDeadlines(properties.smtp().writeTimeout());
        nameStreamProvider();
        mail.setJavaMailProperties(withTimeouts(mail.getJavaMailProperties(), properties.smtp(), writeDeadlines));
    }

    /**
     * Jakarta Mail's own settings with the timeouts added, for {@code smtp} and {@code smtps}; one the operator
     * set through {@code spring.mail.properties.*} is kept. The write timeout is kept by {@code writeDeadlines}, given
     * as the socket factory, unless the operator set a write timeout, a socket factory or a SOCKS proxy of their own
     * (Jakarta Mail would not use the factory's sockets through SOCKS): then by Jakarta Mail's {@code writetimeout}.
     */
    static Properties withTimeouts(
            Properties configured, NotificationProperties.Smtp timeouts, SocketFactory writeDeadlines) {
        Properties properties = new Properties();
        properties.putAll(configured);
        for (String protocol : new String[] {"smtp", "smtps"}) {
            String prefix = "mail." + protocol + ".";
            properties.putIfAbsent(
                    prefix + "connectiontimeout",
                    Long.toString(timeouts.connectTimeout().toMillis()));
            properties.putIfAbsent(
                    prefix + "timeout", Long.toString(timeouts.readTimeout().toMillis()));
            boolean ownSockets = Stream.of(
                            "writetimeout",
                            "socketFactory",
                            "socketFactory.class",
                            "ssl.socketFactory",
                            "ssl.socketFactory.class",
                            "socks.host")
                    .anyMatch(key -> properties.containsKey(prefix + key));
            if (ownSockets) {
                properties.putIfAbsent(
                        prefix + "writetimeout",
                        Long.toString(timeouts.writeTimeout().toMillis()));
            } else {
                properties.put(prefix + "socketFactory", writeDeadlines);
            }
            properties.putIfAbsent(prefix + "quitwait", "false");
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
        Transport transport = connected();
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            OptionalInt reply = SmtpFailures.replyCode(e);
            if (reply.isEmpty() || reply.getAsInt() == CLOSING) {
                drop(transport);
            }
            throw e;
        } finally {
            lastUsed.get()[0] = System.nanoTime();
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
            if (System.nanoTime() - lastUsed.get()[0] < idleCheck.toNanos()) {
                return transport;
            }
            // Idle long enough for the server to have closed it: a new one costs less than finding out.
            drop(transport);
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
        writeDeadlines.close();
    }
}
