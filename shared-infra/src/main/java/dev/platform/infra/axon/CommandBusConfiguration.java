package dev.platform.infra.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command bus: Axon's own, built as its auto-configuration builds it (transactions, span factory, monitor,
 * correlation data), as the {@link InlineRetryingCommandBus} (Axon's auto-configuration then builds none).
 */
@Configuration
class CommandBusConfiguration {

    @Bean
    @Qualifier("localSegment")
    SimpleCommandBus commandBus(
            TransactionManager transactions,
            org.axonframework.config.Configuration axon,
            DuplicateCommandHandlerResolver duplicates) {
        SimpleCommandBus.Builder builder = SimpleCommandBus.builder()
                .transactionManager(transactions)
                .duplicateCommandHandlerResolver(duplicates)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"));
        SimpleCommandBus bus = new InlineRetryingCommandBus(builder);
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }
}
