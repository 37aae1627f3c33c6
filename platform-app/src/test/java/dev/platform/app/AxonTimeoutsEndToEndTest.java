package dev.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.platform.infra.axon.UnitOfWorkLimits;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Axon's timeouts as the platform sets them (platform-defaults.yml): no bound per command or event handler (each
 * one cost a stack trace of the calling thread), while every unit of work (a command, a processor's batch or event)
 * keeps its 60 s bound and its warning after 10 s, so a hung handler is still interrupted; those bounds are enforced by
 * {@link UnitOfWorkLimits} (tested in {@code UnitOfWorkLimitsTest}) and not by Axon's interceptor, whose module is gone.
 */
class AxonTimeoutsEndToEndTest extends EndToEndTest {

    @Autowired
    TimeoutProperties timeouts;

    @Autowired
    ApplicationContext context;

    @Test
    void unitsOfWorkAreBoundByThePlatformsLimitsInsteadOfAxonsInterceptor() {
        assertThat(context.getBeansOfType(UnitOfWorkLimits.class)).hasSize(1);
        assertThat(context.getBean(UnitOfWorkLimits.class).isRunning()).isTrue();
        assertThat(context.containsBeanDefinition("axonTimeoutConfigurerModule"))
                .isFalse();
        assertThat(context.containsBeanDefinition("unitOfWorkLimitsModule")).isTrue();
    }

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
