package dev.platform.infra.axon;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts again a streaming processor that stopped by itself. Axon's tracking processor retries an {@link
 * Exception} for ever, but a thrown {@link Error} ends its processing loop ("Pausing processor in Error State") and
 * nothing starts it again: its read model would stop for good. Seen when PostgreSQL terminated a batch's connection
 * while the JVM ran with assertions on (the driver's own assertion failed on the closed connection). Every {@value
 * #CHECK_SECONDS} s each processor in that state is started again; it resumes from its last committed token.
 */
@Component
class StoppedProcessors implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StoppedProcessors.class);
    private static final long CHECK_SECONDS = 5;

    private final ObjectProvider<Configuration> axon;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    StoppedProcessors(ObjectProvider<Configuration> axon) {
        this.axon = axon;
    }

    void restartFailed() {
        for (var processor : axon.getObject()
                .eventProcessingConfiguration()
                .eventProcessors()
                .values()) {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isError()) {
                log.error("event processor {} stopped after an error; starting it again", streaming.getName());
                streaming.shutDown();
                streaming.start();
            }
        }
    }

    private void safeCheck() {
        try {
            restartFailed();
        } catch (RuntimeException e) {
            log.warn("could not restart a stopped event processor: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stopped-processors");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::safeCheck, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
