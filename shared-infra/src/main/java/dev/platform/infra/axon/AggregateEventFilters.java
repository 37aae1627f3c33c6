package dev.platform.infra.axon;

import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;

/**
 * Makes {@code @Aggregate(filterEventsByType = true)} take effect. Axon's Spring lookup of aggregates
 * ({@code SpringAggregateLookup}, 4.13) copies the repository, snapshot, cache and lock settings of the annotation
 * into the configurer it registers for each aggregate, but not this one: without it, the repository reads every
 * event stored under an id, whatever aggregate wrote it. With it, the events of another aggregate type are left
 * out, so another aggregate's id loads as an aggregate without events (not found) instead of running a command on
 * a foreign stream.
 *
 * <p>Runs after that lookup: it registers its definitions from a registry post-processor's
 * {@code postProcessBeanFactory}, which Spring calls before any plain factory post-processor such as this one.
 */
@Component
class AggregateEventFilters implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanNamesForType(SpringAggregateConfigurer.class, true, false)) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            // The lookup passes the aggregate class as the first constructor argument.
            ValueHolder type = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, Class.class);
            if (type != null && type.getValue() instanceof Class<?> aggregate) {
                Aggregate annotation = AnnotationUtils.findAnnotation(aggregate, Aggregate.class);
                if (annotation != null && annotation.filterEventsByType()) {
                    definition.getPropertyValues().add("filterEventsByType", true);
                }
            }
        }
    }
}
