package dev.platform.infra.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A round of work repeated on a thread of its own while the application runs: started with the context, stopped
 * with it. A round that fails is logged and the next one comes all the same (the database away must not end a
 * schedule for good). A task that has nothing left to do ends its own schedule with {@link #done()}.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    protected PeriodicTask(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
    }

    /** One round. */
    protected abstract void round();

    /** Whether the rounds run at all in this process (a task switched off by configuration answers false). */
    protected boolean enabled() {
        return true;
    }

    /** Called once the rounds have ended at the application's stop, to leave things tidy. */
    protected void stopped() {}

    /** Ends the schedule from within a round: nothing is left to do. */
    protected final synchronized void done() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }

    private void safeRound() {
        try {
            round();
        } catch (RuntimeException e) {
            log.warn("{}: round failed, the next one comes in {}: {}", name, interval, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!enabled()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::safeRound, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        stopped();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
