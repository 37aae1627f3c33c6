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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local SMTP sink for the notification benchmark: accepts every message and counts them. With a warm-up of W
 * messages it writes RESULT_FILE.warm once W are accepted, and once it has accepted W + EXPECTED messages it writes
 * {"count":...,"first_ms":...,"last_ms":...} to RESULT_FILE: epoch milliseconds of the W-th acceptance (of the
 * first when W is 0) and of the last. Run: java SmtpSink.java PORT EXPECTED RESULT_FILE [W]
 */
public class SmtpSink {

    static final AtomicLong accepted = new AtomicLong();
    static volatile long first;
    static long warmup;
    static volatile long last;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        warmup = args.length > 3 ? Long.parseLong(args[3]) : 0;
        long expected = warmup + Long.parseLong(args[1]);
        Path result = Path.of(args[2]);
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
            while ((line = in.readLine()) != null) {
                if (data) {
                    if (line.equals(".")) {
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
                    case "DATA" -> {
                        data = true;
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

    static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
