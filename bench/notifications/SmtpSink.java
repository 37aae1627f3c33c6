import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A local SMTP sink for the notification benchmark: accepts every message and counts them. With a warm-up of W
 * messages it writes RESULT_FILE.warm once W are accepted, and once it has accepted W + EXPECTED messages it writes
 * {"count":...,"first_ms":...,"last_ms":...} to RESULT_FILE: epoch milliseconds of the W-th acceptance (of the
 * first when W is 0) and of the last. It also counts the messages accepted per recipient (the RCPT TO addresses
 * of each accepted message) and, when it is stopped (SIGTERM), writes them to RESULT_FILE.recipients, one
 * "count address" line per recipient, so that the script can check that every subscriber got exactly one e-mail
 * (no missing, no duplicate), whenever the duplicate came. With SUBJECT, only messages whose Subject header starts
 * with it are counted, timed and listed (the platform also sends account e-mails, e.g. a verification e-mail to
 * every seeded reader); the others are accepted and only counted apart.
 * Run: java SmtpSink.java PORT EXPECTED RESULT_FILE [W] [SUBJECT]
 */
public class SmtpSink {

    static final AtomicLong accepted = new AtomicLong();
    static volatile long first;
    static long warmup;
    static volatile long last;
    static final Map<String, LongAdder> perRecipient = new ConcurrentHashMap<>();
    static final AtomicLong others = new AtomicLong();
    static String subject;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        warmup = args.length > 3 ? Long.parseLong(args[3]) : 0;
        subject = args.length > 4 ? args[4] : null;
        long expected = warmup + Long.parseLong(args[1]);
        Path result = Path.of(args[2]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> writeRecipients(Path.of(result + ".recipients"))));
        ExecutorService pool = Executors.newCachedThreadPool();
        try (ServerSocket server = new ServerSocket(port, 512, InetAddress.getLoopbackAddress())) {
            System.out.println("sink listening on " + port + ", expecting " + expected);
            while (true) {
                Socket client = server.accept();
                pool.execute(() -> session(client, expected, result));
            }
        }
    }

    static void session(Socket client, long expected, Path result) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = client.getOutputStream()) {
            write(out, "220 sink ESMTP");
            String line;
            boolean data = false;
            List<String> recipients = new ArrayList<>();
            boolean headers = false;
            boolean counted = true;
            while ((line = in.readLine()) != null) {
                if (data) {
                    if (headers && line.isEmpty()) {
                        headers = false;
                    } else if (headers && subject != null && line.regionMatches(true, 0, "Subject:", 0, 8)) {
                        counted = line.substring(8).trim().startsWith(subject);
                    }
                    if (line.equals(".") && !counted) {
                        data = false;
                        others.incrementAndGet();
                        recipients.clear();
                        write(out, "250 OK queued");
                    } else if (line.equals(".")) {
                        data = false;
                        long now = System.currentTimeMillis();
                        long n = accepted.incrementAndGet();
                        if (n == Math.max(warmup, 1)) {
                            first = now;
                            if (warmup > 0) {
                                Files.writeString(Path.of(result + ".warm"), "{\"count\":" + n + "}\n");
                            }
                        }
                        last = now;
                        for (String recipient : recipients) {
                            perRecipient.computeIfAbsent(recipient, r -> new LongAdder()).increment();
                        }
                        recipients.clear();
                        write(out, "250 OK queued");
                        if (n == expected) {
                            Files.writeString(result, "{\"count\":" + n + ",\"first_ms\":" + first + ",\"last_ms\":" + last + "}\n");
                            System.out.println("accepted " + n + " messages");
                        }
                    }
                    continue;
                }
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> write(out, "250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
                    case "HELO" -> write(out, "250 sink");
                    case "MAIL", "RSET" -> {
                        recipients.clear();
                        write(out, "250 OK");
                    }
                    case "RCPT" -> {
                        int open = line.indexOf('<');
                        int close = line.indexOf('>', open + 1);
                        recipients.add(open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(4).trim());
                        write(out, "250 OK");
                    }
                    case "DATA" -> {
                        data = true;
                        headers = true;
                        counted = subject == null;
                        write(out, "354 end with .");
                    }
                    case "QUIT" -> {
                        write(out, "221 bye");
                        return;
                    }
                    default -> write(out, "250 OK");
                }
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    /** The messages accepted per recipient, "count address" per line (written once, when the sink stops). */
    static void writeRecipients(Path file) {
        StringBuilder text = new StringBuilder(perRecipient.size() * 32);
        perRecipient.forEach((recipient, count) -> text.append(count.sum()).append(' ').append(recipient).append('\n'));
        System.out.println("accepted " + others.get() + " other messages (not counted)");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            System.err.println("could not write " + file + ": " + e);
        }
    }

    static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
