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
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The kept SMTP connection of a worker, against a minimal SMTP server whose first connection answers 421 and closes
 * after a given number of e-mails (as a server does to a connection idle past its timeout).
 */
class SmtpConnectionsTest {

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile int mailsBeforeClosing;
    private SmtpConnections smtp;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fake-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(server.getLocalPort());
        smtp = new SmtpConnections(mail, NotificationDefaults.defaults());
    }

    @AfterEach
    void stop() throws IOException {
        smtp.destroy();
        server.close();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                int number = connections.incrementAndGet();
                int accepted = number == 1 ? mailsBeforeClosing : Integer.MAX_VALUE;
                Thread session = new Thread(() -> converse(client, accepted), "fake-smtp-" + number);
                session.setDaemon(true);
                session.start();
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    /** Speaks just enough SMTP; answers the MAIL FROM after {@code accepted} e-mails with 421 and closes. */
    private static void converse(Socket client, int accepted) {
        int mails = 0;
        try (client) {
            OutputStream out = client.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            write(out, "220 fake ESMTP");
            boolean data = false;
            String line;
            while ((line = in.readLine()) != null) {
                if (data) {
                    if (line.equals(".")) {
                        data = false;
                        write(out, "250 queued");
                    }
                } else if (line.regionMatches(true, 0, "EHLO", 0, 4) || line.regionMatches(true, 0, "HELO", 0, 4)) {
                    write(out, "250 fake");
                } else if (line.regionMatches(true, 0, "MAIL FROM", 0, 9) && mails++ == accepted) {
                    write(out, "421 Service shutting down and closing transmission channel");
                    return;
                } else if (line.equalsIgnoreCase("DATA")) {
                    data = true;
                    write(out, "354 go on");
                } else if (line.equalsIgnoreCase("QUIT")) {
                    write(out, "221 bye");
                    return;
                } else {
                    write(out, "250 ok");
                }
            }
        } catch (IOException gone) {
            // the client went away
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private MimeMessage message() throws MessagingException {
        MimeMessage message = new MimeMessage(smtp.session());
        message.setFrom(new InternetAddress("accounts@example.com"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("ada@example.com"));
        message.setSubject("Hello");
        message.setText("Hello");
        return message;
    }

    @Test
    void aKeptConnectionTheServerClosedWith421IsReplacedAndTheEmailGoesOutAtOnce() throws Exception {
        mailsBeforeClosing = 1;
        smtp.send(message());

        smtp.send(message());

        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void a421OnANewConnectionIsTheEmailsFailureAndTheNextEmailOpensAnotherConnection() throws Exception {
        mailsBeforeClosing = 0;
        assertThatThrownBy(() -> smtp.send(message()))
                .isInstanceOf(MessagingException.class)
                .satisfies(
                        failure -> assertThat(SmtpFailures.replyCode(failure)).hasValue(421));

        smtp.send(message());

        assertThat(connections.get()).isEqualTo(2);
    }
}
