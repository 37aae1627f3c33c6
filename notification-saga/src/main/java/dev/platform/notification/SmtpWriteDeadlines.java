package dev.platform.notification;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * The SMTP sockets' write timeout, kept by one watchdog thread for all of them: a write that has not finished after
 * {@code timeout} has its socket closed, which ends the write with a {@link SocketTimeoutException}. A blocking
 * socket has no write timeout of its own; Jakarta Mail's ({@code mail.smtp.writetimeout}) schedules a task on an
 * executor before every write of every socket and cancels it after (a thread per connection): in the notification
 * benchmark that was 16 % of the application's CPU, against two volatile writes per write here.
 *
 * <p>Given to Jakarta Mail as its socket factory ({@code mail.smtp.socketFactory}, an instance): Jakarta Mail still
 * connects the socket with its connect timeout, sets the read timeout, and layers TLS over it ({@code smtps},
 * STARTTLS), whose writes then pass through this one. A write is closed between {@code timeout} and {@code timeout}
 * plus the watchdog's period (a quarter of the timeout, between 10 ms and 1 s) after it began.
 */
final class SmtpWriteDeadlines extends SocketFactory implements AutoCloseable {

    private static final long NOT_WRITING = Long.MIN_VALUE;

    private final Duration timeout;
    private final Set<GuardedSocket> sockets = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;

    SmtpWriteDeadlines(Duration timeout) {
        this.timeout = timeout;
        long period = Math.min(1000, Math.max(10, timeout.toMillis() / 4));
        watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smtp-write-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::closeOverdue, period, period, TimeUnit.MILLISECONDS);
    }

    private void closeOverdue() {
        long now = System.nanoTime();
        for (GuardedSocket socket : sockets) {
            socket.closeIfOverdue(now, timeout.toNanos());
        }
    }

    /** Sockets open now (tests). */
    int open() {
        return sockets.size();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * A socket whose writes the watchdog can see: when the current one began, or {@link #NOT_WRITING}. Watched from
     * its connection to its close: one that never connects (a server down, through a whole retry schedule) is never
     * held here.
     */
    private final class GuardedSocket extends Socket {

        private volatile long writingSince = NOT_WRITING;
        private volatile boolean timedOut;
        private OutputStream guarded;

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            sockets.add(this);
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (guarded == null) {
                guarded = new GuardedStream(super.getOutputStream());
            }
            return guarded;
        }

        @Override
        public void close() throws IOException {
            sockets.remove(this);
            super.close();
        }

        void closeIfOverdue(long now, long timeoutNanos) {
            long since = writingSince;
            if (since != NOT_WRITING && now - since > timeoutNanos) {
                timedOut = true;
                try {
                    close();
                } catch (IOException ignored) {
                    // closed either way: the write ends
                }
            }
        }

        private final class GuardedStream extends OutputStream {

            private final OutputStream out;

            GuardedStream(OutputStream out) {
                this.out = out;
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                writingSince = System.nanoTime();
                try {
                    out.write(bytes, offset, length);
                } catch (IOException e) {
                    throw timedOut ? timedOut(e) : e;
                } finally {
                    writingSince = NOT_WRITING;
                }
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                GuardedSocket.this.close();
            }

            private SocketTimeoutException timedOut(IOException cause) {
                SocketTimeoutException e = new SocketTimeoutException("write timed out after " + timeout);
                e.initCause(cause);
                return e;
            }
        }
    }
}
