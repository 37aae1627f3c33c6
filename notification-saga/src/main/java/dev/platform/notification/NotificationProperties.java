package dev.platform.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.notifications.*}.
 *
 * @param ratePerSecond e-mails per second of the whole platform, all nodes together ({@link PlatformRate}); 0 or
 *     less turns pacing off
 * @param baseUrl where links in e-mails point (post and unsubscribe pages)
 * @param queuePrefix prefix of every RabbitMQ name this process declares (tests use their own)
 * @param consumers concurrent e-mail workers per process: each e-mail waits for a commit and an SMTP exchange, so
 *     workers overlap those waits (measured: 8 → ~300/s, 32 → ~490/s before the batches)
 * @param prefetch unacknowledged messages per worker
 * @param batchSize messages a worker handles in one go: the record of each e-mail is written with the claim of the
 *     next, so a batch of n costs n + 1 commits instead of 2n; at most one sent e-mail per worker is unrecorded
 * @param batchWait how long a worker waits for more messages before it handles a partial batch
 * @param retrySchedule the wait after the 1st, 2nd, ... transient failure of a delivery; the last one repeats
 * @param retryFor how long after its first transient failure a delivery is still tried; an attempt that would
 *     come later is not made, and the delivery fails (parked) instead. With the defaults: attempts 1, 6, 21 and
 *     81 minutes after the first failure, then hourly, 27 attempts in all
 * @param smtp bounded waits of every SMTP exchange
 * @param sendingLease how long a claimed ({@code sending}) delivery is held for its worker: the wait for the token
 *     bucket, the SMTP exchange (at most connect + read + write timeouts per step) and the ledger record. Once it
 *     has expired the saga takes the delivery back and sends it again, counted as a possible duplicate
 * @param queueLeaseMargin added to the estimated queue wait of a {@code queued} delivery (queue depth / rate × 2)
 *     to make its lease; a message not taken by then is taken to be lost and published again
 * @param dispatchBatch deliveries published to RabbitMQ per confirmed batch
 * @param progressInterval how often the saga checks on its deliveries while any is on its way (selected, queued,
 *     sending); when every open one waits for a retry, it checks when the earliest is due (at most hourly)
 * @param from the sender of the e-mails, an address with an optional display name ({@code Platform
 *     <news@example.com>}); {@code {host}} stands for the host of {@code base-url}
 * @param accountFrom the sender of account e-mails (address verification, password reset), like {@code from}: a sender of its own
 *     keeps transactional mail apart from newsletters for mail filters and bounce handling
 * @param postUrl the link to a post in its e-mail, where a front end shows it: {@code {post_id}} is replaced by the
 *     post's id and {@code {base-url}} by {@code base-url}
 * @param verifyUrl the link of the address-verification e-mail, where a front end takes the token and POSTs it to
 *     {@code /api/v1/users/verify-email}: {@code {token}} is replaced by the token and {@code {base-url}} by {@code
 *     base-url}
 * @param resetUrl the link of the password reset e-mail, where a front end asks for the new password and POSTs it with
 *     the token to {@code /api/v1/users/password-reset/confirm}: {@code {token}} and {@code {base-url}} as in {@code
 *     verifyUrl}
 * @param templates a directory whose {@code new-post.txt.mustache}, {@code new-post.html.mustache}, {@code
 *     verify-email.txt.mustache}, {@code verify-email.html.mustache}, {@code password-reset.txt.mustache} and {@code
 *     password-reset.html.mustache}, where present,
 *     replace the built-in templates (classpath {@code mail/}); unset: the built-in ones
 * @param verifiedOnly new-post e-mails go to verified addresses only: a subscriber whose address is not verified at
 *     the publication gets none and is recorded as skipped ({@code skipped_unverified} in the post's statistics).
 *     Account e-mails (verification) are never held back by it
 * @param audienceLinger how long the audience's batch waits for more events once it has run out
 *     ({@link dev.platform.infra.axon.LingeringEventSource}): under a stream of writes, the writes of that moment
 *     share one transaction of the audience instead of one each; a publication's recipients are selected at most
 *     this much later. 0: no wait
 */
@ConfigurationProperties("platform.notifications")
public record NotificationProperties(
        @DefaultValue("50") double ratePerSecond,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("platform") String queuePrefix,
        @DefaultValue("32") int consumers,
        @DefaultValue("50") int prefetch,
        @DefaultValue("10") int batchSize,
        @DefaultValue("50ms") Duration batchWait,
        @DefaultValue({"1m", "5m", "15m", "1h"}) List<Duration> retrySchedule,
        @DefaultValue("24h") Duration retryFor,
        @DefaultValue Smtp smtp,
        @DefaultValue("2m") Duration sendingLease,
        @DefaultValue("5m") Duration queueLeaseMargin,
        @DefaultValue("500") int dispatchBatch,
        @DefaultValue("5s") Duration progressInterval,
        @DefaultValue("notifications@{host}") String from,
        @DefaultValue("accounts@{host}") String accountFrom,
        @DefaultValue("{base-url}/api/v1/posts/{post_id}") String postUrl,

        @DefaultValue("{base-url}/verify-email?token={token}")
        String verifyUrl,

        @DefaultValue("{base-url}/reset-password?token={token}")
        String resetUrl,

        String templates,
        @DefaultValue("false") boolean verifiedOnly,
        @DefaultValue("5ms") Duration audienceLinger) {

    /**
     * {@code platform.notifications.smtp.*}: Jakarta Mail waits forever by default; a half-open connection or a
     * server that accepts TCP and never greets would hold a worker (and its prefetched messages) for good.
     *
     * @param connectTimeout TCP connect ({@code mail.smtp.connectiontimeout})
     * @param readTimeout each wait for a reply, the greeting included ({@code mail.smtp.timeout})
     * @param writeTimeout each write of a command or of the message ({@code mail.smtp.writetimeout})
     */
    public record Smtp(
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout,
            @DefaultValue("30s") Duration writeTimeout) {}

    /**
     * The wait before the next attempt after the {@code failures}-th transient failure (1-based): the schedule's
     * entry, its last one repeated beyond it.
     */
    public Duration retryDelay(int failures) {
        List<Duration> schedule = retrySchedule.isEmpty() ? List.of(Duration.ofMinutes(1)) : retrySchedule;
        return schedule.get(Math.min(Math.max(failures, 1), schedule.size()) - 1);
    }

    /** The quorum work queue; {@code .v2}, since the classic queue of the earlier layout had the plain name. */
    public String workQueue() {
        return queuePrefix + ".notifications.email.v2";
    }

    /** The classic work queue of the earlier layout, drained into {@link #workQueue()} and deleted at start. */
    public String classicWorkQueue() {
        return queuePrefix + ".notifications.email";
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
