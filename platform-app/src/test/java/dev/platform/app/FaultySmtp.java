package dev.platform.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line-level SMTP proxy in front of GreenMail that answers {@code RCPT TO} for chosen addresses with a
 * chosen reply instead of passing it on: "451 twice, then accept", "550 always", "451 for the first minute"
 * (greylisting), for new-post e-mails. Everything else goes through unchanged. It counts every RCPT it saw per address, so a test can
 * tell how often a delivery was attempted. {@link #silence} makes it a server that accepts TCP and never answers.
 */
final class FaultySmtp implements AutoCloseable {

    private static final Pattern RCPT = Pattern.compile("RCPT TO:\\s*<([^>]+)>.*", Pattern.CASE_INSENSITIVE);
    /**
     * Account e-mails (sent from {@code platform.notifications.account-from}, {@code accounts@...}) pass untouched
     * and uncounted: the faults and counts of the tests are about new-post e-mails, and an account e-mail to the
     * same address (the verification e-mail of a new user) must not take a scripted reply meant for them.
     */
    private static final Pattern ACCOUNT_SENDER =
            Pattern.compile("MAIL FROM:\\s*<accounts@.*", Pattern.CASE_INSENSITIVE);

    private final ServerSocket server;
    private final int targetPort;
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Integer> always = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, Duration> greylisted = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private volatile boolean silent;

    FaultySmtp(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "faulty-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next RCPTs for this address get these replies, one each, then it is accepted as usual. */
    void failNext(String address, int... replies) {
        Deque<Integer> queue = new ArrayDeque<>();
        for (int reply : replies) {
            queue.add(reply);
        }
        scripted.put(address.toLowerCase(Locale.ROOT), queue);
    }

    /** Every RCPT for this address gets this reply. */
    void failAlways(String address, int reply) {
        always.put(address.toLowerCase(Locale.ROOT), reply);
    }

    /** Every RCPT for this address is answered 451 until {@code period} after the first one (greylisting). */
    void greylist(String address, Duration period) {
        greylisted.put(address.toLowerCase(Locale.ROOT), period);
    }

    /** This address is accepted again (after {@link #failAlways}). */
    void heal(String address) {
        always.remove(address.toLowerCase(Locale.ROOT));
    }

    /**
     * Silent: new connections are accepted and never greeted, and nothing a client sends on an open one reaches
     * the server any more, so no reply comes (a server whose accept queue overflowed, a half-open connection).
     * Not silent: new connections work again (the silenced ones stay dead; their clients have to give up).
     */
    void silence(boolean on) {
        silent = on;
    }

    int attempts(String address) {
        AtomicInteger count = attempts.get(address.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread connection = new Thread(() -> relay(client), "faulty-smtp-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        if (silent) {
            swallow(client);
            return;
        }
        try (client;
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            OutputStream toClient = client.getOutputStream();
            OutputStream toServer = upstream.getOutputStream();
            Object clientLock = new Object();
            Thread back = new Thread(
                    () -> {
                        try {
                            byte[] buffer = new byte[8192];
                            int n;
                            var in = upstream.getInputStream();
                            while ((n = in.read(buffer)) > 0) {
                                synchronized (clientLock) {
                                    toClient.write(buffer, 0, n);
                                    toClient.flush();
                                }
                            }
                        } catch (IOException ignored) {
                            // the connection ended
                        }
                    },
                    "faulty-smtp-back");
            back.setDaemon(true);
            back.start();
            BufferedReader fromClient =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            boolean inData = false;
            String line;
            boolean muted = false;
            boolean accountMail = false;
            while ((line = fromClient.readLine()) != null) {
                // Once silenced, a connection never talks to the server again.
                muted |= silent;
                if (muted) {
                    continue;
                }
                if (!inData) {
                    if (line.regionMatches(true, 0, "MAIL FROM:", 0, 10)) {
                        accountMail = ACCOUNT_SENDER.matcher(line).matches();
                    }
                    Matcher rcpt = RCPT.matcher(line);
                    if (rcpt.matches() && !accountMail) {
                        String address = rcpt.group(1).toLowerCase(Locale.ROOT);
                        attempts.computeIfAbsent(address, a -> new AtomicInteger())
                                .incrementAndGet();
                        Integer reply = reply(address);
                        if (reply != null) {
                            synchronized (clientLock) {
                                toClient.write((reply
                                                + (reply >= 500
                                                        ? " 5.1.1 Mailbox unavailable"
                                                        : " 4.7.1 Try again later")
                                                + "\r\n")
                                        .getBytes(StandardCharsets.ISO_8859_1));
                                toClient.flush();
                            }
                            continue;
                        }
                    }
                    if (line.equalsIgnoreCase("DATA")) {
                        inData = true;
                    }
                } else if (line.equals(".")) {
                    inData = false;
                }
                toServer.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                toServer.flush();
            }
        } catch (IOException ignored) {
            // a client or the server went away
        }
    }

    /** Reads whatever the client sends and answers nothing, until the client gives up. */
    private static void swallow(Socket client) {
        try (client) {
            var in = client.getInputStream();
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // nothing is ever answered
            }
        } catch (IOException ignored) {
            // the client gave up
        }
    }

    private Integer reply(String address) {
        Integer permanent = always.get(address);
        if (permanent != null) {
            return permanent;
        }
        Duration period = greylisted.get(address);
        if (period != null) {
            Instant first = firstSeen.computeIfAbsent(address, a -> Instant.now());
            if (Instant.now().isBefore(first.plus(period))) {
                return 451;
            }
        }
        Deque<Integer> queue = scripted.get(address);
        return queue == null ? null : queue.poll();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
