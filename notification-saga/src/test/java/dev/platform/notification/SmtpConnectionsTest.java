package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A worker's kept connection that the server may have closed while it was idle (as GreenMail does after 30 s, with a
 * 421): replaced before the next e-mail, instead of failing that e-mail, and without waiting on the old one; a 421
 * drops the connection; a write the server stops reading ends after the write timeout. Against a small scripted SMTP
 * server that says 421 and hangs up after each accepted message (or, for one test each, stops answering on that
 * connection, or stops reading a message).
 */
class SmtpConnectionsTest {

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    /** After an accepted message: stop answering on that connection (a hung server) instead of the 421. */
    private volatile boolean hangAfterMessage;
    /** After its 354: stop reading the message (a stalled server), until the test ends. */
    private volatile boolean stallInData;

    private final CountDownLatch ended = new CountDownLatch(1);

    @BeforeEach
    void server() throws IOException {
        server = new ServerSocket();
        // A small receive window, so that a message the server stops reading fills it and the client's write blocks.
        server.setReceiveBufferSize(4096);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        Thread acceptor = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            Socket client = server.accept();
                            connections.incrementAndGet();
                            Thread session = new Thread(() -> converse(client), "fake-smtp");
                            session.setDaemon(true);
                            session.start();
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "fake-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        ended.countDown();
        server.close();
    }

    /** Accepts one message, then answers 421 and closes, as a server whose idle timeout has passed. */
    private void converse(Socket client) {
        try (client) {
            OutputStream out = client.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            say(out, "220 fake");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
                switch (command) {
                    case "DATA" -> {
                        say(out, "354 go on");
                        if (stallInData) {
                            ended.await();
                            return;
                        }
                        while (!".".equals(in.readLine())) {
                            // the message
                        }
                        accepted.incrementAndGet();
                        say(out, "250 accepted");
                        if (hangAfterMessage) {
                            while (in.readLine() != null) {
                                // reads on, answers nothing, until the client goes away
                            }
                            return;
                        }
                        say(out, "421 4.4.2 idle timeout, closing");
                        return;
                    }
                    case "QUIT" -> {
                        say(out, "221 bye");
                        return;
                    }
                    default -> say(out, "250 ok");
                }
            }
        } catch (IOException gone) {
            // the client went away
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private SmtpConnections connections(Duration idleCheck) {
        return connections(idleCheck, NotificationDefaults.defaults());
    }

    private SmtpConnections connections(Duration idleCheck, NotificationProperties properties) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(server.getLocalPort());
        return new SmtpConnections(mail, properties, idleCheck);
    }

    private static MimeMessage message(SmtpConnections smtp) throws MessagingException {
        MimeMessage message = new MimeMessage(smtp.session());
        message.setFrom(new InternetAddress("notifications@example.com"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("ada@example.com"));
        message.setSubject("Hello");
        message.setText("Hello.");
        return message;
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsOpenedAgainBeforeTheNextEmail() throws Exception {
        SmtpConnections smtp = connections(Duration.ZERO);

        smtp.send(message(smtp));
        smtp.send(message(smtp));

        assertThat(accepted).hasValue(2);
        assertThat(connections).hasValue(2);
        smtp.destroy();
    }

    @Test
    void withoutTheCheckTheNextEmailFailsWith421AndTheConnectionIsDroppedForTheOneAfter() throws Exception {
        SmtpConnections smtp = connections(Duration.ofHours(1));
        smtp.send(message(smtp));

        assertThatThrownBy(() -> smtp.send(message(smtp))).isInstanceOf(MessagingException.class);
        smtp.send(message(smtp));

        assertThat(accepted).hasValue(2);
        assertThat(connections).hasValue(2);
        smtp.destroy();
    }

    @Test
    void anIdleConnectionToAServerThatStoppedAnsweringIsReplacedWithoutWaitingOnIt() throws Exception {
        hangAfterMessage = true;
        SmtpConnections smtp = connections(Duration.ZERO);
        smtp.send(message(smtp));

        long started = System.nanoTime();
        smtp.send(message(smtp));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(accepted).hasValue(2);
        assertThat(connections).hasValue(2);
        // A NOOP or a QUIT waiting for its answer would have taken the read timeout (30 s by default).
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        smtp.destroy();
    }

    @Test
    void aMessageTheServerStopsReadingEndsInAWriteTimeoutAndTheConnectionIsDropped() throws Exception {
        stallInData = true;
        SmtpConnections smtp =
                connections(Duration.ofHours(1), NotificationDefaults.with(Map.of("smtp.write-timeout", "500ms")));
        MimeMessage large = message(smtp);
        // Far more than the socket buffers of both ends hold: the write blocks once the server stops reading.
        large.setText("x".repeat(16 * 1024 * 1024));

        long started = System.nanoTime();
        assertThatThrownBy(() -> smtp.send(large))
                .isInstanceOf(MessagingException.class)
                .hasRootCauseInstanceOf(SocketException.class)
                .satisfies(e -> assertThat(e).hasStackTraceContaining("write timed out after PT0.5S"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // The read timeout (30 s by default) plays no part: the write itself was ended after 0.5 s plus the
        // watchdog's period (125 ms).
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        stallInData = false;
        smtp.send(message(smtp));
        assertThat(connections).hasValue(2);
        smtp.destroy();
    }
}
