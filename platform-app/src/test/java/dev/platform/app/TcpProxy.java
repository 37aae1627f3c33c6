package dev.platform.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on a random loopback port to a real server (PostgreSQL). {@link #cut()} drops every relayed
 * connection and refuses new ones until {@link #restore()}: the application behind it loses its database while
 * the shared server, which other tests use, keeps running.
 */
final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> relayed = new HashSet<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private boolean cut;

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    synchronized void cut() {
        cut = true;
        relayed.forEach(TcpProxy::closeQuietly);
        relayed.clear();
    }

    synchronized void restore() {
        cut = false;
    }

    @Override
    public void close() throws IOException {
        cut();
        server.close();
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                relay(server.accept());
            } catch (IOException e) {
                // The server socket was closed: the proxy is done.
            }
        }
    }

    private synchronized void relay(Socket client) {
        if (cut) {
            closeQuietly(client);
            return;
        }
        try {
            Socket upstream = new Socket(targetHost, targetPort);
            relayed.add(client);
            relayed.add(upstream);
            threads.execute(() -> pipe(client, upstream));
            threads.execute(() -> pipe(upstream, client));
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // One side went away (or the proxy was cut): end both directions.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            forget(from, to);
        }
    }

    private synchronized void forget(Socket from, Socket to) {
        relayed.remove(from);
        relayed.remove(to);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
