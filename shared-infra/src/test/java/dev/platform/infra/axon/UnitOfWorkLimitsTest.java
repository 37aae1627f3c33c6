package dev.platform.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The unit-of-work limits on a real command bus, with the clock and the sweeps in the test's hands: a unit that
 * passes its timeout is interrupted and fails with Axon's timeout, one that is warned about is not interrupted, a
 * quick one leaves nothing behind, and an interruption that comes after the unit's work is not left on its thread.
 */
class UnitOfWorkLimitsTest {

    private static final int TIMEOUT = 60_000;
    private static final int THRESHOLD = 10_000;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final UnitOfWorkLimits limits = new UnitOfWorkLimits(now::get);
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(UnitOfWorkLimits.class);

    @BeforeEach
    void setUp() {
        bus.registerHandlerInterceptor(
                limits.interceptor("SimpleCommandBus", new TaskTimeoutSettings(TIMEOUT, THRESHOLD, 1_000)));
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logged);
        dispatcher.shutdownNow();
    }

    @Test
    void aUnitPastItsTimeoutIsInterruptedAndFailsWithAxonsTimeout() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean sawInterruption = new AtomicBoolean();
        bus.subscribe("hang", command -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                sawInterruption.set(true);
                Thread.currentThread().interrupt();
                throw e;
            }
            return "not interrupted";
        });
        CompletableFuture<CommandResultMessage<?>> result = dispatch("hang");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        now.addAndGet(THRESHOLD);
        limits.sweep();
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0).getFormattedMessage())
                .contains("UnitOfWork of SimpleCommandBus", "taking a long time", "UnitOfWorkLimitsTest");
        now.addAndGet(TIMEOUT - THRESHOLD - 1);
        limits.sweep();
        assertThat(result).isNotDone();
        assertThat(limits.running()).isEqualTo(1);

        now.addAndGet(1);
        limits.sweep();
        CommandResultMessage<?> answer = result.get(10, TimeUnit.SECONDS);
        assertThat(sawInterruption).isTrue();
        assertThat(answer.isExceptional()).isTrue();
        assertThat(answer.exceptionResult())
                .isInstanceOf(AxonTimeoutException.class)
                .hasMessageContaining("UnitOfWork of SimpleCommandBus has timed out");
        assertThat(limits.running()).isZero();
        assertThat(dispatcher
                        .submit(() -> Thread.currentThread().isInterrupted())
                        .get(10, TimeUnit.SECONDS))
                .isFalse();
    }

    @Test
    void aQuickUnitLeavesNothingBehindAndALaterSweepInterruptsNothing() throws Exception {
        bus.subscribe("quick", command -> "done");
        CommandResultMessage<?> answer = dispatch("quick").get(10, TimeUnit.SECONDS);
        assertThat(answer.isExceptional()).isFalse();
        assertThat(answer.getPayload()).isEqualTo("done");
        assertThat(limits.running()).isZero();

        now.addAndGet(TIMEOUT * 2L);
        limits.sweep();
        assertThat(dispatcher
                        .submit(() -> Thread.currentThread().isInterrupted())
                        .get(10, TimeUnit.SECONDS))
                .isFalse();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void anInterruptionAfterTheUnitsWorkIsClearedWhenTheUnitEnds() throws Exception {
        CountDownLatch committing = new CountDownLatch(1);
        AtomicBoolean interruptedAfterCommit = new AtomicBoolean();
        bus.subscribe("slowAfterCommit", command -> {
            CurrentUnitOfWork.get().afterCommit(u -> {
                committing.countDown();
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!Thread.currentThread().isInterrupted() && System.nanoTime() < giveUp) {
                    Thread.onSpinWait();
                }
                interruptedAfterCommit.set(Thread.currentThread().isInterrupted());
            });
            return "committed";
        });
        CompletableFuture<CommandResultMessage<?>> result = dispatch("slowAfterCommit");
        assertThat(committing.await(10, TimeUnit.SECONDS)).isTrue();
        now.addAndGet(TIMEOUT);
        limits.sweep();

        CommandResultMessage<?> answer = result.get(30, TimeUnit.SECONDS);
        assertThat(interruptedAfterCommit).isTrue();
        assertThat(answer.isExceptional()).isFalse();
        assertThat(dispatcher
                        .submit(() -> Thread.currentThread().isInterrupted())
                        .get(10, TimeUnit.SECONDS))
                .isFalse();
        assertThat(limits.running()).isZero();
    }

    private CompletableFuture<CommandResultMessage<?>> dispatch(String name) {
        CompletableFuture<CommandResultMessage<?>> result = new CompletableFuture<>();
        CommandMessage<Object> command =
                new GenericCommandMessage<>(new org.axonframework.messaging.GenericMessage<>("payload"), name);
        dispatcher.execute(() -> bus.dispatch(command, (message, answer) -> result.complete(answer)));
        return result;
    }

    private java.util.List<ILoggingEvent> warnings() {
        return logged.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .toList();
    }
}
