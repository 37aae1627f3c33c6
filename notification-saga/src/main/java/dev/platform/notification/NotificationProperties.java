package dev.platform.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.notifications.*}.
 *
 * @param ratePerSecond e-mails per second per process; 0 or less turns pacing off
 * @param maxAttempts attempts per e-mail before a transient failure counts as failed
 * @param baseUrl where links in e-mails point (post and unsubscribe pages)
 * @param queuePrefix prefix of every RabbitMQ name this process declares (tests use their own)
 * @param consumers concurrent e-mail workers per process: each e-mail waits for a commit and an SMTP exchange, so
 *     workers overlap those waits (measured: 8 → ~300/s, 32 → ~490/s before the batches)
 * @param prefetch unacknowledged messages per worker
 * @param batchSize messages a worker handles in one go: the record of each e-mail is written with the claim of the
 *     next, so a batch of n costs n + 1 commits instead of 2n; at most one sent e-mail per worker is unrecorded
 * @param batchWait how long a worker waits for more messages before it handles a partial batch
 * @param retryDelay delay before the second attempt; it doubles with each attempt up to {@code maxRetryDelay}
 * @param maxRetryDelay the longest delay between two attempts
 * @param dispatchBatch deliveries published to RabbitMQ per confirmed batch
 * @param progressInterval how often the saga checks on its deliveries
 */
@ConfigurationProperties("platform.notifications")
public record NotificationProperties(
        @DefaultValue("50") double ratePerSecond,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("platform") String queuePrefix,
        @DefaultValue("32") int consumers,
        @DefaultValue("50") int prefetch,
        @DefaultValue("10") int batchSize,
        @DefaultValue("50ms") Duration batchWait,
        @DefaultValue("1s") Duration retryDelay,
        @DefaultValue("1m") Duration maxRetryDelay,
        @DefaultValue("500") int dispatchBatch,
        @DefaultValue("5s") Duration progressInterval) {

    /** The delay before attempt {@code attempt + 1}: exponential from {@code retryDelay}, capped. */
    public Duration backoff(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration delay = retryDelay.multipliedBy(factor);
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }

    /** The quorum work queue; {@code .v2}, since the classic queue of the earlier layout had the plain name. */
    public String workQueue() {
        return queuePrefix + ".notifications.email.v2";
    }

    /** The classic work queue of the earlier layout, drained into {@link #workQueue()} and deleted at start. */
    public String classicWorkQueue() {
        return queuePrefix + ".notifications.email";
    }

    public String retryQueue() {
        return queuePrefix + ".notifications.email.retry";
    }

    public String deadLetterQueue() {
        return queuePrefix + ".notifications.email.dead.v2";
    }

    /** The classic dead-letter queue of the earlier layout, drained into {@link #deadLetterQueue()}. */
    public String classicDeadLetterQueue() {
        return queuePrefix + ".notifications.email.dead";
    }

    public String exchange() {
        return queuePrefix + ".notifications";
    }

    public String deadLetterExchange() {
        return queuePrefix + ".notifications.dlx";
    }
}
