package dev.platform.command.user;

import dev.platform.api.user.RequestPasswordReset;
import dev.platform.infra.axon.MessageMetadata;
import dev.platform.infra.web.Overloaded;
import dev.platform.infra.web.RequestIds;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Requests for a password reset e-mail, handled after their answer: the request thread only hands the address over,
 * so a known and an unknown address take the same time to answer (no enumeration by timing). A worker then looks the
 * address up and, for an account, sends {@link RequestPasswordReset} (the aggregate keeps the pace). Requests wait in a
 * bounded queue ({@code platform.password-reset.queue-capacity}); a full queue refuses new ones with 503, whatever the
 * address. A failure is logged and dropped: nobody waits for it, and the person asks again. On shutdown the queued
 * requests are handled for up to {@link #DRAIN_SECONDS} seconds.
 */
@Component
@EnableConfigurationProperties(PasswordResetProperties.class)
class PasswordResetRequests implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetRequests.class);
    static final int DRAIN_SECONDS = 10;

    private final UserAccounts accounts;
    private final CommandGateway commands;
    private final PasswordResetProperties properties;
    private ThreadPoolExecutor workers;

    PasswordResetRequests(UserAccounts accounts, CommandGateway commands, PasswordResetProperties properties) {
        this.accounts = accounts;
        this.commands = commands;
        this.properties = properties;
    }

    /**
     * Queues the request.
     *
     * @throws Overloaded when the queue is full (or the process is stopping)
     */
    void submit(String emailKey, Instant requestedAt) {
        String requestId = RequestIds.current();
        ThreadPoolExecutor current;
        synchronized (this) {
            current = workers;
        }
        try {
            if (current == null) {
                throw new RejectedExecutionException("stopped");
            }
            current.execute(() -> handle(emailKey, requestedAt, requestId));
        } catch (RejectedExecutionException full) {
            throw new Overloaded("Too many password reset requests at once; retry after 1 s.", 1);
        }
    }

    private void handle(String emailKey, Instant requestedAt, String requestId) {
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        try {
            accounts.findByEmail(emailKey).ifPresent(account -> {
                var command = GenericCommandMessage.asCommandMessage(new RequestPasswordReset(
                        account.userId(), requestedAt, properties.maxEmails(), properties.window()));
                Boolean recorded = commands.sendAndWait(
                        requestId == null
                                ? command
                                : command.andMetaData(Map.of(MessageMetadata.REQUEST_ID, requestId)));
                if (Boolean.TRUE.equals(recorded)) {
                    log.info("password reset e-mail requested for user {}", account.userId());
                } else {
                    log.info("password reset for user {} not sent: its pace allows none now", account.userId());
                }
            });
        } catch (RuntimeException e) {
            log.warn("password reset request not recorded: {}", e.toString());
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    @Override
    public synchronized void start() {
        AtomicInteger threads = new AtomicInteger();
        workers = new ThreadPoolExecutor(
                2,
                2,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.queueCapacity()),
                r -> new Thread(r, "password-reset-" + threads.incrementAndGet()));
    }

    @Override
    public void stop() {
        ThreadPoolExecutor stopping;
        synchronized (this) {
            stopping = workers;
            workers = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                log.warn(
                        "{} password reset requests dropped at shutdown",
                        stopping.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.shutdownNow();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return workers != null;
    }

    /** Stops after the web server has finished its in-flight requests (graceful shutdown), so theirs are handled. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
