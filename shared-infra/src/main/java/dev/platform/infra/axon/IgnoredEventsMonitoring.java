package dev.platform.infra.axon;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.springboot.MetricsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;

/**
 * Every event processor's Axon metrics through {@link IgnoredEventsMonitor}: the monitors Axon's Micrometer module
 * would give it (its {@link GlobalMetricRegistry}, with or without dimensions as {@code axon.metrics.micrometer.*}
 * says), looking at only a sample of the events the processor passes over. Where Axon's metrics are off there is no
 * registry and nothing changes.
 */
@org.springframework.context.annotation.Configuration
class IgnoredEventsMonitoring {

    @Bean
    ConfigurerModule ignoredEventsSampling(
            ObjectProvider<GlobalMetricRegistry> registry, ObjectProvider<MetricsProperties> properties) {
        return configurer -> {
            GlobalMetricRegistry metrics = registry.getIfAvailable();
            if (metrics == null) {
                return;
            }
            MetricsProperties settings = properties.getIfAvailable();
            boolean dimensional = settings != null && settings.getMicrometer().isDimensional();
            // For a processor's type, this factory comes before the one Axon's module sets for every component.
            configurer.configureMessageMonitor(
                    EventProcessor.class,
                    (configuration, type, name) -> monitor(metrics, dimensional, configuration, type, name));
        };
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> monitor(
            GlobalMetricRegistry metrics,
            boolean dimensional,
            Configuration configuration,
            Class<?> type,
            String name) {
        MessageMonitor<Message<?>> axons = (MessageMonitor<Message<?>>)
                (dimensional
                        ? metrics.registerComponentWithDefaultTags(type, name)
                        : metrics.registerComponent(type, name));
        return new IgnoredEventsMonitor(axons, name, () -> handlers(configuration, name), System::nanoTime);
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
