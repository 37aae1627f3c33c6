package dev.platform.infra.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.springboot.MetricsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;

/**
 * The message monitors (Axon's metrics) of the command bus, the event store and every event processor: with {@code
 * axon.metrics.micrometer.dimensional=true} (the application's setting) Axon's series from {@link MeteredMessages}
 * into the registry of Axon's {@link GlobalMetricRegistry}, else Axon's own monitors; a processor's behind {@link
 * IgnoredEventsMonitor}, which shows them only a sample of the events the processor passes over. Where Axon's
 * metrics are off there is no registry and nothing changes. Queries and subscription queries keep Axon's monitors
 * (the application sends none on a hot path).
 */
@org.springframework.context.annotation.Configuration
class AxonMonitors {

    @Bean
    ConfigurerModule axonMessageMonitors(
            ObjectProvider<GlobalMetricRegistry> registry, ObjectProvider<MetricsProperties> properties) {
        return configurer -> {
            GlobalMetricRegistry metrics = registry.getIfAvailable();
            if (metrics == null) {
                return;
            }
            MetricsProperties settings = properties.getIfAvailable();
            boolean dimensional = settings != null && settings.getMicrometer().isDimensional();
            MeterRegistry meters = metrics.getRegistry();
            // For these types, the factories come before the one Axon's module sets for every component.
            configurer.configureMessageMonitor(
                    EventProcessor.class,
                    (configuration, type, name) -> new IgnoredEventsMonitor(
                            dimensional ? MeteredMessages.eventProcessor(meters, name) : axons(metrics, type, name),
                            name,
                            () -> handlers(configuration, name),
                            System::nanoTime));
            if (dimensional) {
                configurer.configureMessageMonitor(
                        CommandBus.class, (configuration, type, name) -> MeteredMessages.commandBus(meters, name));
                configurer.configureMessageMonitor(
                        EventBus.class, (configuration, type, name) -> MeteredMessages.eventBus(meters, name));
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> axons(GlobalMetricRegistry metrics, Class<?> type, String name) {
        return (MessageMonitor<Message<?>>) metrics.registerComponent(type, name);
    }

    /** The processor's handlers, once it exists (it asks for its monitor while it is being built). */
    private static EventHandlerInvoker handlers(Configuration configuration, String processor) {
        return configuration
                .eventProcessingConfiguration()
                .eventProcessor(processor)
                .filter(AbstractEventProcessor.class::isInstance)
                .map(found -> ((AbstractEventProcessor) found).eventHandlerInvoker())
                .orElse(null);
    }
}
