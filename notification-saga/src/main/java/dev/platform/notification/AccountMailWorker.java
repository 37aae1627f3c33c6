package dev.platform.notification;

import com.rabbitmq.client.Channel;
import dev.platform.infra.personaldata.PersonalDataKeys;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Sends one account e-mail for the {@link MailWorker} that took its message from the work queue: claim in {@link
 * AccountEmails}, wait for the platform's rate, send, record, acknowledge. Failures follow the rules of new-post
 * e-mails: a transient one waits in the ledger for its next attempt ({@code retry-schedule}, no later than {@code
 * retry-for} after the first), a permanent one fails and parks the message in the dead-letter queue; an unreachable
 * ledger puts the message back. Nothing here touches the delivery ledger, so a post's statistics never see it; the
 * outcomes are counted apart from new-post deliveries ({@link NotificationMetrics}, tagged with the e-mail's kind).
 */
@Component
class AccountMailWorker {

    private static final Logger log = LoggerFactory.getLogger(AccountMailWorker.class);

    private final AccountEmails emails;
    private final AccountEmailComposer composer;
    private final SmtpConnections smtp;
    private final PlatformRate pace;
    private final NotificationProperties properties;
    private final Clock clock;
    private final PersonalDataKeys erasures;
    private final NotificationMetrics metrics;

    AccountMailWorker(
            PersonalDataKeys erasures,
            AccountEmails emails,
            AccountEmailComposer composer,
            SmtpConnections smtp,
            PlatformRate pace,
            NotificationProperties properties,
            Clock clock,
            NotificationMetrics metrics) {
        this.erasures = erasures;
        this.emails = emails;
        this.composer = composer;
        this.smtp = smtp;
        this.pace = pace;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
    }

    void onMessage(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        AccountMailJob job;
        try {
            job = AccountMailJob.from(message);
        } catch (RuntimeException malformed) {
            log.warn(
                    "message {} is not an account e-mail, parked: {}",
                    message.getMessageProperties().getMessageId(),
                    malformed.toString());
            channel.basicNack(tag, false, false);
            return;
        }
        try {
            Optional<AccountEmails.Claim> claim = emails.claim(
                    job.id(),
                    Boolean.TRUE.equals(message.getMessageProperties().getRedelivered()),
                    properties.sendingLease());
            if (claim.isEmpty()) {
                channel.basicAck(tag, false);
                return;
            }
            send(job, claim.get(), channel, tag);
        } catch (DataAccessException e) {
            log.warn("account e-mail ledger unavailable, message requeued: {}", e.getMessage());
            channel.basicNack(tag, false, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.basicNack(tag, false, true);
        }
    }

    private void send(AccountMailJob job, AccountEmails.Claim claim, Channel channel, long tag)
            throws IOException, InterruptedException {
        // Read at the moment of sending, from the table the erasure's own transaction changed: an erased person gets
        // no e-mail, also when this side has not seen the erasure's event yet.
        if (erasures.isErased(claim.userId())) {
            emails.markCancelled(job.id());
            channel.basicAck(tag, false);
            return;
        }
        if (claim.email() == null) {
            // This side has not seen the registration yet (its processor lags): later.
            retryLater(job, claim, channel, tag, "address not known yet");
            return;
        }
        pace.acquire();
        try {
            smtp.send(composer.compose(smtp.session(), claim));
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            String error = e.toString();
            if (e instanceof jakarta.mail.MessagingException && SmtpFailures.isPermanent(e)) {
                park(job, claim, channel, tag, error);
            } else {
                retryLater(job, claim, channel, tag, error);
            }
            return;
        }
        // A crash here leaves the row 'sending': its lease expires and the e-mail is sent again (at least once).
        emails.markSent(job.id());
        metrics.accountSent(claim.kind());
        channel.basicAck(tag, false);
    }

    private void retryLater(AccountMailJob job, AccountEmails.Claim claim, Channel channel, long tag, String error)
            throws IOException {
        Instant now = clock.instant();
        Instant next = now.plus(properties.retryDelay(claim.attempt()));
        Instant first = claim.firstFailedAt() == null ? now : claim.firstFailedAt();
        if (next.isAfter(first.plus(properties.retryFor()))) {
            park(job, claim, channel, tag, error);
            return;
        }
        emails.markRetrying(job.id(), error, next);
        metrics.accountFailed(claim.kind());
        log.info("account e-mail {}: attempt {} failed ({}), next at {}", job.id(), claim.attempt(), error, next);
        channel.basicAck(tag, false);
    }

    private void park(AccountMailJob job, AccountEmails.Claim claim, Channel channel, long tag, String error)
            throws IOException {
        emails.markFailed(job.id(), error);
        metrics.accountDead(claim.kind());
        log.warn("account e-mail {} failed: {}", job.id(), error);
        channel.basicNack(tag, false, false);
    }
}
