import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

/**
 * The benchmark's baseline: the least a sender can do, a loop that writes the same kind of message (same
 * headers, same body size) to each of N addresses over one SMTP connection, as fast as the sink takes them.
 * Run: java -cp jakarta.mail.jar:angus-activation.jar:jakarta.activation-api.jar BaselineSender.java PORT N
 */
public class BaselineSender {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(properties);
        String post = UUID.randomUUID().toString();
        String body = "Benchmark post\n\n" + "An excerpt of the post. ".repeat(11) + "\n\nRead the post: http://localhost:8080/posts/"
                + post + "\n\nYou get this e-mail because you subscribe to this creator.\nUnsubscribe: http://localhost:8080/creators/"
                + UUID.randomUUID() + "/unsubscribe\n";
        long start = System.currentTimeMillis();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < count; i++) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress("notifications@localhost"));
                InternetAddress to = new InternetAddress("baseline-" + i + "@example.com");
                message.setRecipient(Message.RecipientType.TO, to);
                message.setSubject("New post: Benchmark post", StandardCharsets.UTF_8.name());
                message.setHeader("List-Unsubscribe", "<http://localhost:8080/creators/x/unsubscribe>");
                message.setText(body, StandardCharsets.UTF_8.name());
                message.saveChanges();
                transport.sendMessage(message, new InternetAddress[] {to});
            }
        }
        long elapsed = System.currentTimeMillis() - start;
        System.out.println("baseline sent " + count + " in " + elapsed + " ms");
    }
}
