package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Axon's timeouts as the platform sets them (platform-defaults.yml): no bound per command or event handler (each
 * one cost a stack trace of the calling thread), while every unit of work (a command, a processor's batch or event)
 * keeps its 60 s bound and its warning after 10 s, so a hung handler is still interrupted.
 */
class AxonTimeoutsEndToEndTest extends EndToEndTest {

    @Autowired
    TimeoutProperties timeouts;

    @Test
    void handlersAreNotBoundOneByOneButEveryUnitOfWorkIs() {
        assertThat(timeouts.isEnabled()).isTrue();
        for (TaskTimeoutSettings handler : new TaskTimeoutSettings[] {
            timeouts.getHandler().getCommands(), timeouts.getHandler().getEvents()
        }) {
            assertThat(handler.getTimeoutMs()).isNegative();
            assertThat(handler.getWarningThresholdMs()).isNegative();
        }
        for (TaskTimeoutSettings unitOfWork : new TaskTimeoutSettings[] {
            timeouts.getTransaction().getCommandBus(), timeouts.getTransaction().getEventProcessors()
        }) {
            assertThat(unitOfWork.getTimeoutMs()).isEqualTo(60_000);
            assertThat(unitOfWork.getWarningThresholdMs()).isEqualTo(10_000);
        }
    }
}
