package dev.platform.notification;

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
 * The message is settled through the batch's {@link BatchAcks}, as a new-post e-mail's: an acknowledgement once the
 * outcome is recorded, sent with the batch's.
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
    private final NotificationMetrics metrics;

    AccountMailWorker(
            AccountEmails emails,
            AccountEmailComposer composer,
            SmtpConnections smtp,
            PlatformRate pace,
            NotificationProperties properties,
            Clock clock,
            NotificationMetrics metrics) {
        this.emails = emails;
        this.composer = composer;
        this.smtp = smtp;
        this.pace = pace;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
    }

    void onMessage(Message message, BatchAcks acks) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        AccountMailJob job;
        try {
            job = AccountMailJob.from(message);
        } catch (RuntimeException malformed) {
            log.warn(
                    "message {} is not an account e-mail, parked: {}",
                    message.getMessageProperties().getMessageId(),
                    malformed.toString());
            acks.reject(tag);
            return;
        }
        try {
            Optional<AccountEmails.Claim> claim = emails.claim(
                    job.id(),
                    Boolean.TRUE.equals(message.getMessageProperties().getRedelivered()),
                    properties.sendingLease());
            if (claim.isEmpty()) {
                acks.ack(tag);
                return;
            }
            send(job, claim.get(), acks, tag);
        } catch (DataAccessException e) {
            log.warn("account e-mail ledger unavailable, message requeued: {}", e.getMessage());
            acks.requeue(tag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acks.requeue(tag);
        }
    }

    private void send(AccountMailJob job, AccountEmails.Claim claim, BatchAcks acks, long tag)
            throws IOException, InterruptedException {
        // Read by the claim, from the table the erasure's own transaction changed: an erased person gets no e-mail,
        // also when this side has not seen the erasure's event yet.
        if (claim.erased()) {
            emails.markCancelled(job.id());
            acks.ack(tag);
            return;
        }
        if (claim.email() == null) {
            // This side has not seen the registration yet (its processor lags): later.
            retryLater(job, claim, acks, tag, "address not known yet");
            return;
        }
        pace.acquire();
        try {
            smtp.send(composer.compose(smtp.session(), claim));
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            String error = e.toString();
            if (e instanceof jakarta.mail.MessagingException && SmtpFailures.isPermanent(e)) {
                park(job, claim, acks, tag, error);
            } else {
                retryLater(job, claim, acks, tag, error);
            }
            return;
        }
        // A crash here leaves the row 'sending': its lease expires and the e-mail is sent again (at least once).
        emails.markSent(job.id());
        metrics.accountSent(claim.kind());
        acks.ack(tag);
    }

    private void retryLater(AccountMailJob job, AccountEmails.Claim claim, BatchAcks acks, long tag, String error)
            throws IOException {
        Instant now = clock.instant();
        Instant next = now.plus(properties.retryDelay(claim.attempt()));
        Instant first = claim.firstFailedAt() == null ? now : claim.firstFailedAt();
        if (next.isAfter(first.plus(properties.retryFor()))) {
            park(job, claim, acks, tag, error);
            return;
        }
        emails.markRetrying(job.id(), error, next);
        metrics.accountFailed(claim.kind());
        log.info("account e-mail {}: attempt {} failed ({}), next at {}", job.id(), claim.attempt(), error, next);
        acks.ack(tag);
    }

    private void park(AccountMailJob job, AccountEmails.Claim claim, BatchAcks acks, long tag, String error)
            throws IOException {
        emails.markFailed(job.id(), error);
        metrics.accountDead(claim.kind());
        log.warn("account e-mail {} failed: {}", job.id(), error);
        acks.reject(tag);
    }
}
