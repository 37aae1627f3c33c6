package dev.platform.notification;

import com.rabbitmq.client.Channel;
import dev.platform.infra.web.RequestIds;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.dao.DataAccessException;

/**
 * Sends one e-mail per message, as a competing consumer with manual acknowledgements:
 *
 * <ol>
 *   <li>claims the delivery in the ledger (a message for a delivery already sent, failed or taken by another
 *       worker is acknowledged and dropped);
 *   <li>skips it when the subscription has ended since the publication;
 *   <li>waits for the token bucket, sends over SMTP, records the result, and only then acknowledges.
 * </ol>
 *
 * A transient failure (4xx, refused connection) goes to the retry queue with a per-message expiration that
 * doubles with each attempt; after {@code max-attempts}, or at once for a permanent failure (5xx), the delivery
 * is recorded as failed and the message rejected into the dead-letter queue.
 */
class MailWorker implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(MailWorker.class);

    private final DeliveryLedger ledger;
    private final EmailComposer composer;
    private final SmtpConnections smtp;
    private final RabbitTemplate rabbit;
    private final NotificationProperties properties;
    private final TokenBucket pace;
    private final NotificationMetrics metrics;

    MailWorker(
            DeliveryLedger ledger,
            EmailComposer composer,
            SmtpConnections smtp,
            RabbitTemplate rabbit,
            NotificationProperties properties,
            NotificationMetrics metrics) {
        this.ledger = ledger;
        this.composer = composer;
        this.smtp = smtp;
        this.rabbit = rabbit;
        this.properties = properties;
        this.metrics = metrics;
        this.pace = new TokenBucket(properties.ratePerSecond());
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException {
        MessageProperties props = message.getMessageProperties();
        long tag = props.getDeliveryTag();
        Object requestId = props.getHeader(DeliveryJob.REQUEST_ID_HEADER);
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId.toString());
        }
        try {
            DeliveryJob job = DeliveryJob.from(message);
            handle(job, message, channel, tag, Boolean.TRUE.equals(props.getRedelivered()));
        } catch (DataAccessException e) {
            // The ledger is unreachable: nothing was decided, the message goes back to the queue.
            log.warn("delivery ledger unavailable, message requeued: {}", e.getMessage());
            channel.basicNack(tag, false, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.basicNack(tag, false, true);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private void handle(DeliveryJob job, Message message, Channel channel, long tag, boolean redelivered)
            throws IOException, InterruptedException {
        var claim = ledger.claim(job.postId(), job.subscriberId(), redelivered);
        if (claim.isEmpty()) {
            channel.basicAck(tag, false);
            return;
        }
        if (claim.get().inDoubt()) {
            metrics.inDoubt();
            log.warn(
                    "delivery {} to {} is in doubt: its earlier attempt ended between SMTP acceptance and the ledger; sending again",
                    job.postId(),
                    job.subscriberId());
        }
        var recipient = claim.get().recipient();
        if (recipient.isEmpty() || recipient.get().email() == null) {
            // This side has not yet seen the post or the subscriber's address (its processor lags): later.
            retryLater(job, message, channel, tag, claim.get().attempt(), "recipient not known yet");
            return;
        }
        if (!recipient.get().stillSubscribed()) {
            // The subscription ended after the publication but before the send started: no e-mail.
            ledger.markCancelled(job.postId(), job.subscriberId());
            channel.basicAck(tag, false);
            return;
        }
        pace.acquire();
        try {
            smtp.send(composer.compose(smtp.session(), job.postId(), job.subscriberId(), recipient.get()));
        } catch (jakarta.mail.MessagingException e) {
            failed(job, message, channel, tag, claim.get().attempt(), e);
            return;
        }
        ledger.markSent(job.postId(), job.subscriberId());
        metrics.sent();
        channel.basicAck(tag, false);
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
