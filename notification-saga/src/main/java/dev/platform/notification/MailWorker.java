package dev.platform.notification;

import com.rabbitmq.client.Channel;
import dev.platform.infra.web.RequestIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.dao.DataAccessException;

/**
 * Sends one e-mail per message, as a competing consumer with manual acknowledgements. A worker takes the
 * messages its consumer has prefetched a few at a time ({@code batch-size}) and for each one:
 *
 * <ol>
 *   <li>claims the delivery in the ledger (a message for a delivery already sent, failed or taken by another
 *       worker is acknowledged and dropped);
 *   <li>skips it when the subscription has ended since the publication;
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
 * <p>A transient failure (4xx, refused connection) goes to the retry queue with a per-message expiration that
 * doubles with each attempt; after {@code max-attempts}, or at once for a permanent failure (5xx), the delivery
 * is recorded as failed and the message rejected into the dead-letter queue.
 */
class MailWorker implements ChannelAwareBatchMessageListener {

    private static final Logger log = LoggerFactory.getLogger(MailWorker.class);

    private final DeliveryLedger ledger;
    private final EmailComposer composer;
    private final SmtpConnections smtp;
    private final RabbitTemplate rabbit;
    private final NotificationProperties properties;
    private final PlatformRate pace;
    private final NotificationMetrics metrics;

    MailWorker(
            DeliveryLedger ledger,
            EmailComposer composer,
            SmtpConnections smtp,
            RabbitTemplate rabbit,
            NotificationProperties properties,
            NotificationMetrics metrics,
            PlatformRate pace) {
        this.ledger = ledger;
        this.composer = composer;
        this.smtp = smtp;
        this.rabbit = rabbit;
        this.properties = properties;
        this.metrics = metrics;
        this.pace = pace;
    }

    /** An e-mail the SMTP server accepted whose delivery is not yet recorded as sent, nor its message acked. */
    private record Accepted(DeliveryJob job, long tag) {}

    @Override
    public void onMessageBatch(List<Message> messages, Channel channel) {
        Accepted unrecorded = null;
        try {
            for (Message message : messages) {
                unrecorded = onMessage(message, channel, unrecorded);
            }
            if (unrecorded != null) {
                ledger.markSent(unrecorded.job().postId(), unrecorded.job().subscriberId());
                acknowledge(channel, unrecorded);
            }
        } catch (IOException e) {
            // The channel is gone: unacknowledged messages go back to the queue with it.
            throw new UncheckedIOException(e);
        } catch (DataAccessException e) {
            // The last e-mail's record failed: its message is redelivered and the e-mail counted as in doubt.
            log.warn("delivery ledger unavailable, message requeued: {}", e.getMessage());
            requeue(channel, unrecorded.tag());
        }
    }

    /**
     * Handles one message; {@code unrecorded}, the previous e-mail of the batch, is recorded by this message's
     * claim.
     *
     * @return this message's e-mail when it was accepted and is not recorded yet, else null
     */
    private Accepted onMessage(Message message, Channel channel, Accepted unrecorded) throws IOException {
        MessageProperties props = message.getMessageProperties();
        long tag = props.getDeliveryTag();
        Object requestId = props.getHeader(DeliveryJob.REQUEST_ID_HEADER);
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId.toString());
        }
        try {
            DeliveryJob job;
            try {
                job = DeliveryJob.from(message);
            } catch (RuntimeException malformed) {
                log.warn("message {} is not a delivery, parked: {}", props.getMessageId(), malformed.toString());
                channel.basicNack(tag, false, false);
                return unrecorded;
            }
            Optional<DeliveryLedger.Claim> claim;
            try {
                claim = ledger.claim(
                        job.postId(),
                        job.subscriberId(),
                        Boolean.TRUE.equals(props.getRedelivered()),
                        unrecorded == null ? null : unrecorded.job());
            } catch (DataAccessException e) {
                // The ledger is unreachable: nothing was decided (the previous e-mail's record included), the
                // messages go back to the queue.
                log.warn("delivery ledger unavailable, message requeued: {}", e.getMessage());
                if (unrecorded != null) {
                    requeue(channel, unrecorded.tag());
                }
                requeue(channel, tag);
                return null;
            }
            if (unrecorded != null) {
                acknowledge(channel, unrecorded);
            }
            if (claim.isEmpty()) {
                channel.basicAck(tag, false);
                return null;
            }
            try {
                return send(job, claim.get(), message, channel, tag);
            } catch (DataAccessException e) {
                log.warn("delivery ledger unavailable, message requeued: {}", e.getMessage());
                requeue(channel, tag);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                requeue(channel, tag);
                return null;
            }
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private Accepted send(DeliveryJob job, DeliveryLedger.Claim claim, Message message, Channel channel, long tag)
            throws IOException, InterruptedException {
        if (claim.inDoubt()) {
            metrics.inDoubt();
            log.warn(
                    "delivery {} to {} is in doubt: its earlier attempt ended between SMTP acceptance and the ledger; sending again",
                    job.postId(),
                    job.subscriberId());
        }
        var recipient = claim.recipient();
        if (recipient.isEmpty() || recipient.get().email() == null) {
            // This side has not yet seen the post or the subscriber's address (its processor lags): later.
            retryLater(job, message, channel, tag, claim.attempt(), "recipient not known yet");
            return null;
        }
        if (!recipient.get().stillSubscribed()) {
            // The subscription ended after the publication but before the send started: no e-mail.
            ledger.markCancelled(job.postId(), job.subscriberId());
            channel.basicAck(tag, false);
            return null;
        }
        pace.acquire();
        try {
            smtp.send(composer.compose(smtp.session(), job.postId(), job.subscriberId(), recipient.get()));
        } catch (jakarta.mail.MessagingException e) {
            failed(job, message, channel, tag, claim.attempt(), e);
            return null;
        }
        return new Accepted(job, tag);
    }

    private void acknowledge(Channel channel, Accepted accepted) throws IOException {
        metrics.sent();
        channel.basicAck(accepted.tag(), false);
    }

    private static void requeue(Channel channel, long tag) {
        try {
            channel.basicNack(tag, false, true);
        } catch (IOException e) {
            // The channel is gone: the broker requeues its unacknowledged messages anyway.
            log.debug("could not requeue message {}: {}", tag, e.getMessage());
        }
    }

    private void failed(DeliveryJob job, Message message, Channel channel, long tag, int attempt, Exception e)
            throws IOException {
        boolean permanent = SmtpFailures.isPermanent(e);
        String error = SmtpFailures.replyCode(e).stream()
                        .mapToObj(c -> "SMTP " + c + ": ")
                        .findFirst()
                        .orElse("")
                + rootMessage(e);
        if (permanent || attempt >= properties.maxAttempts()) {
            ledger.markFailed(job.postId(), job.subscriberId(), error);
            metrics.failed();
            log.warn(
                    "delivery {} to {} failed {} after {} attempt(s): {}",
                    job.postId(),
                    job.subscriberId(),
                    permanent ? "permanently" : "for good",
                    attempt,
                    error);
            channel.basicNack(tag, false, false);
            return;
        }
        retryLater(job, message, channel, tag, attempt, error);
    }

    private void retryLater(DeliveryJob job, Message message, Channel channel, long tag, int attempt, String error)
            throws IOException {
        Duration backoff = properties.backoff(attempt);
        ledger.markRetrying(job.postId(), job.subscriberId(), error);
        Message retry = new Message(message.getBody(), message.getMessageProperties());
        retry.getMessageProperties().setExpiration(Long.toString(backoff.toMillis()));
        try {
            rabbit.invoke(ops -> {
                ops.send("", properties.retryQueue(), retry);
                ops.waitForConfirmsOrDie(10_000);
                return null;
            });
        } catch (RuntimeException publishFailed) {
            // Could not park it for later: put it back as it is; it will be claimed again (status retrying).
            channel.basicNack(tag, false, true);
            return;
        }
        metrics.retried();
        log.info(
                "delivery {} to {}: attempt {} failed ({}), next in {}",
                job.postId(),
                job.subscriberId(),
                attempt,
                error,
                backoff);
        channel.basicAck(tag, false);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
