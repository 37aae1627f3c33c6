package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

/**
 * The outcomes of account e-mails in the metrics: sent, failed (tried again later) and dead (given up), each tagged
 * with the e-mail's kind, and never in the counters of new-post deliveries.
 */
class AccountMailWorkerTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    private static final long TAG = 7;

    private final AccountEmails emails = mock(AccountEmails.class);
    private final AccountEmailComposer composer = mock(AccountEmailComposer.class);
    private final SmtpConnections smtp = mock(SmtpConnections.class);
    private final Channel channel = mock(Channel.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private AccountMailWorker worker;

    @BeforeEach
    void worker() {
        worker = new AccountMailWorker(
                emails,
                composer,
                smtp,
                mock(PlatformRate.class),
                NotificationDefaults.defaults(),
                Clock.fixed(NOW, ZoneOffset.UTC),
                new NotificationMetrics(registry));
        claims(false);
    }

    private void claims(boolean erased) {
        when(emails.claim(eq(ID), anyBoolean(), any()))
                .thenReturn(Optional.of(new AccountEmails.Claim(
                        UUID.randomUUID(), AccountEmails.VERIFY, 1, "ada@example.com", 1, null, erased)));
    }

    /** The message handled in a batch of its own, settled as the mail worker settles a batch. */
    private void handle() throws Exception {
        Message message = new AccountMailJob(ID).toMessage();
        message.getMessageProperties().setDeliveryTag(TAG);
        BatchAcks acks = new BatchAcks(channel, List.of(message));
        worker.onMessage(message, acks);
        acks.finish();
    }

    private double account(String outcome) {
        Counter counter = registry.find(NotificationMetrics.ACCOUNT_EMAILS)
                .tags("kind", AccountEmails.VERIFY, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double newPostEmails() {
        return registry.find("platform.notifications.emails").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    @Test
    void aSentAccountEmailIsCountedAsSentWithItsKindAndNotAsANewPostEmail() throws Exception {
        handle();

        verify(emails).markSent(ID);
        verify(channel).basicAck(TAG, true);
        assertThat(account("sent")).isEqualTo(1);
        assertThat(account("failed")).isZero();
        assertThat(account("dead")).isZero();
        assertThat(newPostEmails()).isZero();
    }

    @Test
    void anErasedPersonsEmailIsCancelledNotSentEvenWhenAlreadyClaimed() throws Exception {
        claims(true);

        handle();

        verify(smtp, never()).send(any());
        verify(emails).markCancelled(ID);
        verify(emails, never()).markSent(any());
        verify(channel).basicAck(TAG, true);
        assertThat(account("sent")).isZero();
    }

    @Test
    void aTransientFailureIsCountedAsFailedAndTriedAgain() throws Exception {
        doThrow(new MessagingException("connection refused")).when(smtp).send(any());

        handle();

        verify(emails).markRetrying(eq(ID), anyString(), any());
        assertThat(account("failed")).isEqualTo(1);
        assertThat(account("sent")).isZero();
        assertThat(account("dead")).isZero();
        assertThat(newPostEmails()).isZero();
    }

    @Test
    void aPermanentFailureIsCountedAsDeadAndParked() throws Exception {
        doThrow(new SMTPAddressFailedException(
                        new InternetAddress("ada@example.com"), "RCPT TO", 550, "550 mailbox unavailable"))
                .when(smtp)
                .send(any());

        handle();

        verify(emails).markFailed(eq(ID), anyString());
        verify(channel).basicNack(TAG, false, false);
        verify(emails, never()).markSent(any());
        assertThat(account("dead")).isEqualTo(1);
        assertThat(account("failed")).isZero();
        assertThat(newPostEmails()).isZero();
    }
}
