package dev.platform.infra.axon;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.springboot.TimeoutProperties;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Axon's time limits on units of work, set by the same properties ({@code axon.timeout.transaction.*}, and off with
 * {@code axon.timeout.enabled=false}), enforced by {@link UnitOfWorkLimits} instead of Axon's interceptor, whose
 * configurer module is taken out of the context. Axon's per-handler limits ({@code axon.timeout.handler.*}, off in
 * platform-defaults.yml) are left to Axon.
 */
@org.springframework.context.annotation.Configuration
@ConditionalOnProperty(prefix = "axon.timeout", name = "enabled", havingValue = "true", matchIfMissing = true)
class UnitOfWorkLimitsConfiguration {

    /** The bean of Axon's {@code AxonTimeoutAutoConfiguration} that registers its unit-of-work interceptors. */
    static final String AXONS_MODULE = "axonTimeoutConfigurerModule";

    @Bean
    UnitOfWorkLimits unitOfWorkLimits() {
        return new UnitOfWorkLimits();
    }

    @Bean
    ConfigurerModule unitOfWorkLimitsModule(UnitOfWorkLimits limits, TimeoutProperties properties) {
        TimeoutProperties.TransactionTimeoutProperties settings = properties.getTransaction();
        return new ConfigurerModule() {
            @Override
            public void configureModule(org.axonframework.config.Configurer configurer) {
                configurer
                        .eventProcessing()
                        .registerDefaultHandlerInterceptor((config, name) -> limits.interceptor(
                                "EventProcessor " + name,
                                settings.getEventProcessor().getOrDefault(name, settings.getEventProcessors())));
                // As Axon's: the buses exist only once the configuration is built, so at its start.
                configurer.onStart(Integer.MIN_VALUE, () -> {
                    Configuration built = configurer.buildConfiguration();
                    built.commandBus()
                            .registerHandlerInterceptor(limits.interceptor(
                                    built.commandBus().getClass().getSimpleName(), settings.getCommandBus()));
                    built.queryBus()
                            .registerHandlerInterceptor(limits.interceptor(
                                    built.queryBus().getClass().getSimpleName(), settings.getQueryBus()));
                    built.deadlineManager()
                            .registerHandlerInterceptor(limits.interceptor(
                                    built.deadlineManager().getClass().getSimpleName(), settings.getDeadline()));
                });
            }

            @Override
            public int order() {
                return Integer.MIN_VALUE;
            }
        };
    }

    /** Takes Axon's module out (only the one its auto-configuration defines), so that no unit is bounded twice. */
    @Bean
    static BeanFactoryPostProcessor withoutAxonsUnitOfWorkTimeouts() {
        return UnitOfWorkLimitsConfiguration::removeAxonsModule;
    }

    static void removeAxonsModule(ConfigurableListableBeanFactory factory) {
        if (factory instanceof BeanDefinitionRegistry registry && registry.containsBeanDefinition(AXONS_MODULE)) {
            BeanDefinition definition = registry.getBeanDefinition(AXONS_MODULE);
            String source = definition.getFactoryBeanName();
            if (source != null && source.contains("AxonTimeoutAutoConfiguration")) {
                registry.removeBeanDefinition(AXONS_MODULE);
            }
        }
    }
}
