package dev.platform.notification;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes due account e-mails to the work queue every {@code progress-interval}: new ones, retries that came due
 * and those whose lease expired. A poll rather than a saga: an account e-mail is one message, and the poll also
 * covers what a saga's progress check would (lost messages, dead workers, retries). The rows are held (SKIP
 * LOCKED) from the read to the mark, so two nodes never publish the same e-mail at once; a crash between the
 * broker's confirm and the commit publishes it again, and the worker's claim drops the copy.
 */
@Component
class AccountMailPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccountMailPublisher.class);

    private final AccountEmails emails;
    private final RabbitTemplate rabbit;
    private final NotificationProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private ScheduledExecutorService poller;

    AccountMailPublisher(
            AccountEmails emails,
            RabbitTemplate rabbit,
            NotificationProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.emails = emails;
        this.rabbit = rabbit;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Publishes what is due, one confirmed batch; a failure leaves the rows as they were, for the next poll. */
    void publishDue() {
        try {
            transaction.executeWithoutResult(status -> {
                List<UUID> due = emails.due(properties.dispatchBatch());
                if (due.isEmpty()) {
                    return;
                }
                rabbit.invoke(ops -> {
                    for (UUID id : due) {
                        ops.send(
                                properties.exchange(),
                                NotificationTopology.EMAIL_ROUTING_KEY,
                                new AccountMailJob(id).toMessage());
                    }
                    ops.waitForConfirmsOrDie(30_000);
                    return null;
                });
                emails.markQueued(due, clock.instant().plus(properties.queueLeaseMargin()));
            });
        } catch (RuntimeException e) {
            log.warn("account e-mails wait for the next poll: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "account-mail-publisher"));
        long every = properties.progressInterval().toMillis();
        poller.scheduleWithFixedDelay(this::publishDue, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        poller.shutdownNow();
        try {
            // Bounded: a poll waits at most for its broker confirm (30 s).
            poller.awaitTermination(35, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poller = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }
}
