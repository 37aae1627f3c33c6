package dev.platform.notification;

import com.rabbitmq.client.Channel;
import dev.platform.infra.web.RequestIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.dao.DataAccessException;

// Over 200 lines: claiming, sending, recording and acknowledging one message are one protocol.
/**
 * Sends one e-mail per message, as a competing consumer with manual acknowledgements. A worker takes the
 * messages its consumer has prefetched a few at a time ({@code batch-size}) and for each one:
 *
 * <ol>
 *   <li>claims the delivery in the ledger (a message for a delivery already sent, failed or taken by another
 *       worker is acknowledged and dropped);
 *   <li>skips it when the subscription has ended since the publication or the subscriber was erased ({@code
 *       cancelled}), or the post was deleted ({@code withdrawn});
 *   <li>waits for the token bucket, sends over SMTP, and records the result; the message is acknowledged only
 *       once the result is recorded.
 * </ol>
 *
 * The record of a sent e-mail travels with the claim of the next message of the batch, in the same statement:
 * one commit per e-mail instead of two, while no more than one accepted e-mail per worker is ever unrecorded
 * (the last of a batch is recorded on its own before the worker waits for more). Should the worker die there,
 * the message comes back redelivered, finds its delivery still {@code sending}, and is sent again and counted as
 * in doubt (see {@link DeliveryLedger#claim}).
 *
 * <p>The acknowledgements of a batch go to RabbitMQ as one, once the batch is done ({@link BatchAcks}); rejections
 * and requeues go at once.
 *
 * <p>A message with the header {@code X-Mail-Kind: account} is an account e-mail (address verification): it is
 * handed to {@link AccountMailWorker}, which follows the same rules on its own ledger.
 *
 * <p>A transient failure (4xx, a refused, broken or timed-out connection) is recorded in the ledger as {@code
 * retrying} with the time of its next attempt ({@code retry-schedule}) and the message is acknowledged: the saga
 * publishes the delivery again when it is due. A permanent failure (5xx), or a transient one that would be tried
 * later than {@code retry-for} after the first, is recorded as failed and the message rejected into the
 * dead-letter queue.
 *
 * <p>Nothing a message causes leaves it unacknowledged: an unexpected exception after the claim (composing the
 * e-mail, say) counts as a transient failure; one before it, or one while recording a failure, parks the message
 * in the dead-letter queue, and the delivery's lease brings it back (see {@link DeliveryLedger#reclaim}); a ledger
 * that is unreachable puts the message back in the queue. Only a broken channel leaves messages unacknowledged,
 * and RabbitMQ requeues those by itself.
 */
class MailWorker implements ChannelAwareBatchMessageListener {

    private static final Logger log = LoggerFactory.getLogger(MailWorker.class);

    private final DeliveryLedger ledger;
    private final EmailComposer composer;
    private final SmtpConnections smtp;
    private final Clock clock;
    private final NotificationProperties properties;
    private final PlatformRate pace;
    private final NotificationMetrics metrics;
    private final AccountMailWorker accountMail;

    MailWorker(
            DeliveryLedger ledger,
            EmailComposer composer,
            SmtpConnections smtp,
            Clock clock,
            NotificationProperties properties,
            NotificationMetrics metrics,
            PlatformRate pace,
            AccountMailWorker accountMail) {
        this.ledger = ledger;
        this.accountMail = accountMail;
        this.composer = composer;
        this.smtp = smtp;
        this.clock = clock;
        this.properties = properties;
        this.metrics = metrics;
        this.pace = pace;
    }

    /** An e-mail the SMTP server accepted whose delivery is not yet recorded as sent, nor its message acked. */
    private record Accepted(DeliveryJob job, long tag) {}

    @Override
    public void onMessageBatch(List<Message> messages, Channel channel) {
        BatchAcks acks = new BatchAcks(channel, messages);
        Accepted unrecorded = null;
        try {
            for (Message message : messages) {
                unrecorded = onMessage(message, acks, unrecorded);
            }
            // If the last e-mail's record fails, its message is redelivered and the e-mail counted as in doubt.
            recordAlone(unrecorded, acks);
            unrecorded = null;
        } catch (IOException e) {
            // The channel is gone: unacknowledged messages go back to the queue with it.
            throw new UncheckedIOException(e);
        } finally {
            if (unrecorded != null) {
                // An exception nobody planned for: the accepted e-mail's message comes back (in doubt).
                acks.requeue(unrecorded.tag());
            }
            finish(acks);
        }
    }

    private static void finish(BatchAcks acks) {
        try {
            acks.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Handles one message; {@code unrecorded}, the previous e-mail of the batch, is recorded by this message's
     * claim.
     *
     * @return this message's e-mail when it was accepted and is not recorded yet, else null
     */
    private Accepted onMessage(Message message, BatchAcks acks, Accepted unrecorded) throws IOException {
        MessageProperties props = message.getMessageProperties();
        long tag = props.getDeliveryTag();
        Object requestId = props.getHeader(DeliveryJob.REQUEST_ID_HEADER);
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId.toString());
        }
        try {
            if (AccountMailJob.is(message)) {
                // An account e-mail (same queue, same pool, same pace): the previous new-post e-mail is recorded
                // on its own first, since its record cannot travel with this message's claim.
                recordAlone(unrecorded, acks);
                accountMail.onMessage(message, acks);
                return null;
            }
            DeliveryJob job;
            try {
                job = DeliveryJob.from(message);
            } catch (RuntimeException malformed) {
                log.warn("message {} is not a delivery, parked: {}", props.getMessageId(), malformed.toString());
                acks.reject(tag);
                return unrecorded;
            }
            Optional<DeliveryLedger.Claim> claim;
            try {
                claim = ledger.claim(
                        job.postId(),
                        job.subscriberId(),
                        Boolean.TRUE.equals(props.getRedelivered()),
                        unrecorded == null ? null : unrecorded.job(),
                        properties.sendingLease());
            } catch (DataAccessException e) {
                // The ledger is unreachable: nothing was decided (the previous e-mail's record included), the
                // messages go back to the queue.
                log.warn("delivery ledger unavailable, message requeued: {}", e.getMessage());
                if (unrecorded != null) {
                    acks.requeue(unrecorded.tag());
                }
                acks.requeue(tag);
                return null;
            } catch (RuntimeException e) {
                // Not the ledger being away but something no retry of this message fixes: park the message; the
                // previous e-mail's record rolled back with the claim, so its message comes back (in doubt).
                log.error("delivery {} to {}: claim failed, message parked", job.postId(), job.subscriberId(), e);
                if (unrecorded != null) {
                    acks.requeue(unrecorded.tag());
                }
                acks.reject(tag);
                return null;
            }
            if (unrecorded != null) {
                acknowledge(acks, unrecorded);
            }
            if (claim.isEmpty()) {
                acks.ack(tag);
                return null;
            }
            try {
                return send(job, claim.get(), message, acks, tag);
            } catch (DataAccessException e) {
                log.warn("delivery ledger unavailable, message requeued: {}", e.getMessage());
                acks.requeue(tag);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                acks.requeue(tag);
                return null;
            } catch (RuntimeException e) {
                unexpected(job, claim.get(), acks, tag, e);
                return null;
            }
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private Accepted send(DeliveryJob job, DeliveryLedger.Claim claim, Message message, BatchAcks acks, long tag)
            throws IOException, InterruptedException {
        if (claim.inDoubt()) {
            metrics.inDoubt();
            log.warn(
                    "delivery {} to {} is in doubt: its earlier attempt ended between SMTP acceptance and the ledger; sending again",
                    job.postId(),
                    job.subscriberId());
        }
        if (claim.subscriberErased()) {
            ledger.markCancelled(job.postId(), job.subscriberId());
            acks.ack(tag);
            return null;
        }
        var recipient = claim.recipient();
        if (recipient.isPresent() && recipient.get().postDeleted()) {
            // The post was deleted after the publication: no e-mail goes out for it any more.
            ledger.markWithdrawn(job.postId(), job.subscriberId());
            acks.ack(tag);
            return null;
        }
        if (recipient.isEmpty() || recipient.get().email() == null) {
            // This side has not yet seen the post or the subscriber's address (its processor lags): later.
            retryLater(job, claim, acks, tag, "recipient not known yet");
            return null;
        }
        if (!recipient.get().stillSubscribed()) {
            // The subscription ended after the publication but before the send started: no e-mail.
            ledger.markCancelled(job.postId(), job.subscriberId());
            acks.ack(tag);
            return null;
        }
        pace.acquire();
        try {
            smtp.send(composer.compose(smtp.session(), job.postId(), job.subscriberId(), recipient.get()));
        } catch (jakarta.mail.MessagingException e) {
            failed(job, claim, acks, tag, e);
            return null;
        }
        return new Accepted(job, tag);
    }

    /** Records and acknowledges an accepted e-mail by itself; if the record fails, its message comes back. */
    private void recordAlone(Accepted accepted, BatchAcks acks) {
        if (accepted == null) {
            return;
        }
        try {
            ledger.markSent(accepted.job().postId(), accepted.job().subscriberId());
        } catch (RuntimeException e) {
            log.warn("delivery ledger unavailable, message requeued: {}", e.toString());
            acks.requeue(accepted.tag());
            return;
        }
        acknowledge(acks, accepted);
    }

    private void acknowledge(BatchAcks acks, Accepted accepted) {
        metrics.sent();
        acks.ack(accepted.tag());
    }

    private void failed(DeliveryJob job, DeliveryLedger.Claim claim, BatchAcks acks, long tag, Exception e)
            throws IOException {
        String error = SmtpFailures.replyCode(e).stream()
                        .mapToObj(c -> "SMTP " + c + ": ")
                        .findFirst()
                        .orElse("")
                + rootMessage(e);
        if (SmtpFailures.isPermanent(e)) {
            park(job, acks, tag, claim.attempt(), "permanently", error);
            return;
        }
        retryLater(job, claim, acks, tag, error);
    }

    /**
     * An exception nobody planned for, after the claim (a row the composer cannot handle, a bug): a transient
     * failure like any other, so the delivery is tried again on the schedule and the data may be fixed meanwhile.
     * If even that cannot be recorded, the message is parked and the delivery's lease brings it back.
     */
    private void unexpected(DeliveryJob job, DeliveryLedger.Claim claim, BatchAcks acks, long tag, RuntimeException e)
            throws IOException {
        log.error("delivery {} to {}: unexpected failure", job.postId(), job.subscriberId(), e);
        try {
            retryLater(job, claim, acks, tag, rootMessage(e));
        } catch (RuntimeException recordFailed) {
            log.warn(
                    "delivery {} to {}: failure not recorded, message parked until its lease expires: {}",
                    job.postId(),
                    job.subscriberId(),
                    recordFailed.toString());
            acks.reject(tag);
        }
    }

    /**
     * Records a transient failure: the delivery waits in the ledger for its next attempt on the schedule, and the
     * message is acknowledged (the saga publishes the delivery again when it is due). An attempt that would come
     * later than {@code retry-for} after the first failure is not made: the delivery fails.
     */
    private void retryLater(DeliveryJob job, DeliveryLedger.Claim claim, BatchAcks acks, long tag, String error)
            throws IOException {
        Instant now = clock.instant();
        Instant next = now.plus(properties.retryDelay(claim.attempt()));
        Instant firstFailure = claim.firstFailedAt() == null ? now : claim.firstFailedAt();
        if (next.isAfter(firstFailure.plus(properties.retryFor()))) {
            park(job, acks, tag, claim.attempt(), "for good", error);
            return;
        }
        ledger.markRetrying(job.postId(), job.subscriberId(), error, next);
        metrics.retried();
        log.info(
                "delivery {} to {}: attempt {} failed ({}), next at {}",
                job.postId(),
                job.subscriberId(),
                claim.attempt(),
                error,
                next);
        acks.ack(tag);
    }

    /** Records the delivery as failed and rejects its message into the dead-letter queue. */
    private void park(DeliveryJob job, BatchAcks acks, long tag, int attempt, String how, String error)
            throws IOException {
        ledger.markFailed(job.postId(), job.subscriberId(), error);
        metrics.failed();
        log.warn(
                "delivery {} to {} failed {} after {} attempt(s): {}",
                job.postId(),
                job.subscriberId(),
                how,
                attempt,
                error);
        acks.reject(tag);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
