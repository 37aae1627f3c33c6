package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The watchdog holds a socket from its connection to its close only: a connection attempt that fails (a mail server
 * down, tried again and again) leaves nothing behind. The timeout itself: {@code SmtpConnectionsTest}.
 */
class SmtpWriteDeadlinesTest {

    @Test
    void aSocketIsWatchedFromItsConnectionToItsClose() throws IOException {
        try (SmtpWriteDeadlines deadlines = new SmtpWriteDeadlines(Duration.ofSeconds(30));
                ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket socket = deadlines.createSocket();
            assertThat(deadlines.open()).isZero();

            socket.connect(server.getLocalSocketAddress());
            assertThat(deadlines.open()).isEqualTo(1);

            socket.close();
            assertThat(deadlines.open()).isZero();
        }
    }

    @Test
    void aConnectionThatFailsLeavesNothingWatched() throws IOException {
        InetSocketAddress nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = (InetSocketAddress) closed.getLocalSocketAddress();
        }
        try (SmtpWriteDeadlines deadlines = new SmtpWriteDeadlines(Duration.ofSeconds(30))) {
            for (int attempt = 0; attempt < 3; attempt++) {
                Socket socket = deadlines.createSocket();
                assertThatThrownBy(() -> socket.connect(nobody, 1000)).isInstanceOf(IOException.class);
            }

            assertThat(deadlines.open()).isZero();
        }
    }
}
