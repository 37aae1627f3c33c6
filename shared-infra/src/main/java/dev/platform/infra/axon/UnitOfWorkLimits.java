package dev.platform.infra.axon;

import dev.platform.infra.schedule.PeriodicTask;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's time limit on every unit of work (a command, a query, a streaming processor's batch, a subscribing
 * processor's event: {@code axon.timeout.transaction.*}), kept without its cost per unit. Axon's own
 * ({@code UnitOfWorkTimeoutInterceptor}) starts each unit with {@code Thread.getStackTrace()} of the calling thread,
 * only to name the caller in a later warning, and schedules a task on its janitor; a request thread's stack is 150
 * frames deep, and the walk was a tenth of a {@code POST /posts} request thread (docs/benchmarks.md). Here a unit is
 * registered in a set when it starts and leaves it when it ends; one thread looks at the set every {@link #SWEEP}
 * and does what Axon's janitor does: it logs a warning with the thread's stack from the threshold on (every interval),
 * and interrupts the thread once the timeout has passed. The unit then fails with Axon's {@link
 * AxonTimeoutException}, as before.
 *
 * <p>A limit is set by the first interceptor of a unit's root: a subscribing processor's event handled inside a
 * command's unit of work counts towards the command's limit, as in Axon. A unit is interrupted at most once, and an
 * interruption that arrives after the unit's work has returned is cleared from its thread when the unit ends, so that
 * it cannot reach the next request the thread serves.
 */
public class UnitOfWorkLimits extends PeriodicTask {

    static final Duration SWEEP = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(UnitOfWorkLimits.class);
    private static final String RESOURCE = UnitOfWorkLimits.class.getName();

    private final Set<Limit> running = ConcurrentHashMap.newKeySet();
    private final LongSupplier clock;

    public UnitOfWorkLimits() {
        this(System::currentTimeMillis);
    }

    UnitOfWorkLimits(LongSupplier clock) {
        super("unit-of-work-limits", SWEEP);
        this.clock = clock;
    }

    /**
     * An interceptor that bounds each unit of work it sees first, by {@code settings}; a timeout of zero or less
     * bounds nothing, a warning threshold below zero or not below the timeout warns never.
     */
    public MessageHandlerInterceptor<Message<?>> interceptor(String component, TaskTimeoutSettings settings) {
        String name = "UnitOfWork of " + component;
        return (unitOfWork, chain) -> {
            if (settings.getTimeoutMs() <= 0) {
                return chain.proceed();
            }
            UnitOfWork<?> root = unitOfWork.root();
            Limit limit = root.getResource(RESOURCE);
            if (limit == null) {
                limit = start(name, settings);
                root.resources().put(RESOURCE, limit);
                Limit started = limit;
                root.onCleanup(u -> end(started));
            }
            try {
                Object result = chain.proceed();
                limit.failIfInterrupted(null);
                return result;
            } catch (Exception e) {
                limit.failIfInterrupted(e);
                throw e;
            }
        };
    }

    private Limit start(String name, TaskTimeoutSettings settings) {
        long now = clock.getAsLong();
        int threshold = settings.getWarningThresholdMs();
        long warnAt = threshold < 0 || threshold >= settings.getTimeoutMs() ? Long.MAX_VALUE : now + threshold;
        Limit limit = new Limit(
                name,
                Thread.currentThread(),
                now,
                now + settings.getTimeoutMs(),
                warnAt,
                Math.max(1, settings.getWarningIntervalMs()));
        running.add(limit);
        return limit;
    }

    private void end(Limit limit) {
        running.remove(limit);
        limit.end();
    }

    /** Units of work bounded now. */
    int running() {
        return running.size();
    }

    @Override
    protected void round() {
        sweep();
    }

    /** Warns about and interrupts the units whose time has come. */
    void sweep() {
        long now = clock.getAsLong();
        for (Limit limit : running) {
            if (now >= limit.deadline) {
                running.remove(limit);
                limit.interrupt();
            } else if (now >= limit.warnAt) {
                limit.warn(now);
            }
        }
    }

    /** One unit of work's bound. Its thread ends it; the sweeping thread warns and interrupts. */
    private static final class Limit {
        private final String name;
        private final Thread thread;
        private final long started;
        private final long deadline;
        private final long warningInterval;
        private volatile long warnAt;
        private boolean ended;
        private boolean interrupted;

        Limit(String name, Thread thread, long started, long deadline, long warnAt, long warningInterval) {
            this.name = name;
            this.thread = thread;
            this.started = started;
            this.deadline = deadline;
            this.warnAt = warnAt;
            this.warningInterval = warningInterval;
        }

        void warn(long now) {
            warnAt = now + warningInterval;
            log.warn(
                    "{} on thread [{}] is taking a long time to process. Current time: [{}ms]. Will be interrupted in"
                            + " [{}ms].\nStack of the thread:\n{}",
                    name,
                    thread.getName(),
                    now - started,
                    deadline - now,
                    stack());
        }

        /** Interrupts the thread unless the unit has ended. */
        synchronized void interrupt() {
            if (!ended && !interrupted) {
                log.error(
                        "{} has exceeded its timeout of [{}ms]. Interrupting thread.\nStack of the thread:\n{}",
                        name,
                        deadline - started,
                        stack());
                interrupted = true;
                thread.interrupt();
            }
        }

        /** In the unit's thread, after its work: a unit this limit interrupted fails with Axon's timeout. */
        synchronized void failIfInterrupted(Exception failure) {
            if (interrupted && Thread.currentThread() == thread && !(failure instanceof AxonTimeoutException)) {
                Thread.interrupted();
                AxonTimeoutException timeout = new AxonTimeoutException(name + " has timed out");
                if (failure != null) {
                    timeout.addSuppressed(failure);
                }
                throw timeout;
            }
        }

        /** The unit has ended (committed or rolled back): an interruption of this limit's making goes no further. */
        synchronized void end() {
            ended = true;
            if (interrupted && Thread.currentThread() == thread) {
                Thread.interrupted();
            }
        }

        private String stack() {
            StringBuilder text = new StringBuilder();
            for (StackTraceElement element : thread.getStackTrace()) {
                text.append("\tat ").append(element).append('\n');
            }
            return text.toString();
        }
    }
}
