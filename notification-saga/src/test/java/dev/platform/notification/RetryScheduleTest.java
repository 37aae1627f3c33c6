package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static NotificationProperties properties(double rate, List<Duration> schedule) {
        return new NotificationProperties(
                rate,
                "https://example.com",
                "test",
                1,
                1,
                1,
                Duration.ofMillis(50),
                schedule,
                Duration.ofHours(24),
                new NotificationProperties.Smtp(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30)),
                Duration.ofMinutes(2),
                Duration.ofMinutes(5),
                500,
                Duration.ofSeconds(5),
                "notifications@{host}",
                "accounts@{host}",
                "{base-url}/api/v1/posts/{post_id}",
                "{base-url}/verify-email?token={token}",
                "{base-url}/reset-password?token={token}",
                null,
                false,
                Duration.ofMillis(5));
    }

    @Test
    void theScheduleIsFollowedAndItsLastStepRepeats() {
        NotificationProperties defaults = properties(
                50, List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)));

        assertThat(defaults.retryDelay(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.retryDelay(2)).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.retryDelay(3)).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.retryDelay(4)).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.retryDelay(26)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theQueueLeaseIsTwiceTheQueueWaitAtTheRatePlusTheMargin() {
        Dispatcher paced = new Dispatcher(null, null, properties(50, List.of()), null, null);
        Dispatcher unpaced = new Dispatcher(null, null, properties(0, List.of()), null, null);

        assertThat(paced.queueWait(30_000)).isEqualTo(Duration.ofMinutes(5).plusSeconds(1200));
        assertThat(unpaced.queueWait(30_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void smtpTimeoutsAreSetUnlessTheOperatorSetThem() {
        Properties configured = new Properties();
        configured.setProperty("mail.smtp.timeout", "5000");

        configured.setProperty("mail.smtps.socks.host", "socks.example.com");
        SocketFactory deadlines = SocketFactory.getDefault();

        Properties session = SmtpConnections.withTimeouts(
                configured,
                new NotificationProperties.Smtp(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30)),
                deadlines);

        assertThat(session.getProperty("mail.smtp.connectiontimeout")).isEqualTo("10000");
        assertThat(session.getProperty("mail.smtp.timeout")).isEqualTo("5000");
        assertThat(session.getProperty("mail.smtps.timeout")).isEqualTo("30000");
        // The write timeout: the deadlines' sockets, unless the operator's own sockets (SOCKS here) are in the way.
        assertThat(session.get("mail.smtp.socketFactory")).isSameAs(deadlines);
        assertThat(session.getProperty("mail.smtp.writetimeout")).isNull();
        assertThat(session.get("mail.smtps.socketFactory")).isNull();
        assertThat(session.getProperty("mail.smtps.writetimeout")).isEqualTo("30000");
    }
}
